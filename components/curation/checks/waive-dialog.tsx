"use client";
/** A lead's waiver of a finding: the reason is required (the server refuses an empty one too). */
import { useEffect, useRef, useState } from "react";
import type { FindingView } from "@/lib/curation/gate/findings";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";

export function WaiveDialog({
  finding,
  busy,
  error,
  onWaive,
  onCancel,
}: {
  finding: FindingView | null;
  busy: boolean;
  error: unknown;
  onWaive: (reason: string) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (finding && !d.open) {
      setReason("");
      d.showModal();
    }
    if (!finding && d.open) d.close();
  }, [finding]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="waive-title"
      data-testid="waive-dialog"
      className="m-auto w-full max-w-lg rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {finding && (
        <form
          className="space-y-3 p-5"
          onSubmit={(e) => {
            e.preventDefault();
            onWaive(reason);
          }}
        >
          <h2 id="waive-title" className="text-base font-semibold">
            Waive: {finding.ruleLabel}
          </h2>
          <p className="text-sm text-zinc-700 dark:text-zinc-300">
            {finding.trajectoryTitle}: {finding.message}
          </p>
          <label className="block text-sm font-medium" htmlFor="waive-reason">
            Reason (required, kept in the audit log and the release)
          </label>
          <textarea
            id="waive-reason"
            autoFocus
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="w-full rounded-md border border-zinc-300 bg-white p-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
            rows={3}
          />
          {error !== null && error !== undefined && <ErrorBox error={error} />}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy} data-testid="waive-confirm">
              Waive
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
