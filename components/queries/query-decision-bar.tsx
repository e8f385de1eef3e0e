import type { QueryStatus } from "@/lib/queries/query-fields";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";

/**
 * Accept / reject (leads and up) and edit (writers). While editing, a decision saves the edit
 * with it, so accepting after an edit is one step and nothing typed is dropped.
 */
export function QueryDecisionBar(props: {
  status: QueryStatus;
  canDecide: boolean;
  canWrite: boolean;
  editing: boolean;
  dirty: boolean;
  busy: boolean;
  onDecide: (status: QueryStatus) => void;
  onSave: () => void;
  onEdit: () => void;
  onCancelEdit: () => void;
}) {
  const { status, canDecide, canWrite, editing, dirty, busy } = props;
  if (!canDecide && !canWrite) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="decision-bar">
      {canDecide && (
        <>
          <Button onClick={() => props.onDecide("accepted")} disabled={busy} data-testid="accept" title="Accept (a)">
            {dirty ? "Save and accept" : "Accept"} <Kbd>a</Kbd>
          </Button>
          <Button
            variant="danger"
            onClick={() => props.onDecide("rejected")}
            disabled={busy}
            data-testid="reject"
            title="Reject (r)"
          >
            {dirty ? "Save and reject" : "Reject"} <Kbd>r</Kbd>
          </Button>
          {status !== "candidate" && (
            <Button variant="secondary" onClick={() => props.onDecide("candidate")} disabled={busy}>
              Back to candidate
            </Button>
          )}
        </>
      )}
      {canWrite &&
        (editing ? (
          <>
            <Button variant="secondary" onClick={props.onSave} disabled={busy || !dirty} data-testid="save-edit">
              {busy ? "Saving…" : "Save"}
            </Button>
            <Button variant="ghost" onClick={props.onCancelEdit} disabled={busy}>
              Cancel
            </Button>
          </>
        ) : (
          <Button variant="secondary" onClick={props.onEdit} data-testid="edit" title="Edit (e)">
            Edit <Kbd>e</Kbd>
          </Button>
        ))}
    </div>
  );
}
