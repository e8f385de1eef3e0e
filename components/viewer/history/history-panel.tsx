"use client";
/** Revisions, newest first: compare any two, revert to an old one (a new revision equal to it). */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import { useRevisions, viewerKeys } from "@/components/viewer/data/use-viewer-queries";
import { DateTime } from "@/components/ui/date-time";

export interface Compare {
  from: number;
  to: number;
}

export function HistoryPanel({
  api,
  trajectoryId,
  head,
  canEdit,
  setCompare,
  hasDraft,
  onReverted,
}: {
  api: TrajectoryApi;
  trajectoryId: string;
  head: number;
  canEdit: boolean;
  setCompare: (c: Compare | null) => void;
  hasDraft: boolean;
  onReverted: (n: number) => void;
}) {
  const qc = useQueryClient();
  const q = useRevisions(api, trajectoryId, true);
  const [pick, setPick] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const [reverting, setReverting] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (q.isPending) return <Spinner label="Loading history" />;
  if (q.error) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const revisions = q.data.revisions;
  const from = pick.from ?? (revisions.length > 1 ? revisions[1].number : null);
  const to = pick.to ?? revisions[0]?.number ?? null;

  const revert = async (n: number) => {
    setBusy(true);
    setError(null);
    try {
      const res = await apiFetch<{ revision: { number: number } }>(api.revert, {
        method: "POST",
        json: { baseNumber: head, reason, to: n },
      });
      setReverting(null);
      setReason("");
      onReverted(res.revision.number);
      await qc.invalidateQueries({ queryKey: viewerKeys.all(trajectoryId) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-3 p-3" data-testid="history-panel">
      <h2 className="text-sm font-semibold">History</h2>
      <ol className="space-y-1.5">
        {revisions.map((r) => (
          <li
            key={r.number}
            data-testid="revision-row"
            data-number={r.number}
            className="rounded border border-zinc-200 p-2 text-xs dark:border-zinc-800"
          >
            <div className="flex items-center gap-2">
              <label className="flex items-center gap-0.5 text-zinc-600 dark:text-zinc-400">
                <input
                  type="radio"
                  name="from"
                  data-testid="compare-from"
                  aria-label={`Compare from revision #${r.number}`}
                  checked={from === r.number}
                  onChange={() => setPick({ ...pick, from: r.number })}
                />
                from
              </label>
              <label className="flex items-center gap-0.5 text-zinc-600 dark:text-zinc-400">
                <input
                  type="radio"
                  name="to"
                  data-testid="compare-to"
                  aria-label={`Compare to revision #${r.number}`}
                  checked={to === r.number}
                  onChange={() => setPick({ ...pick, to: r.number })}
                />
                to
              </label>
              <span className="font-semibold">#{r.number}</span>
              {r.number === head && (
                <span className="rounded bg-indigo-100 px-1 text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
                  head
                </span>
              )}
              <span className="truncate text-zinc-600 dark:text-zinc-400">
                {r.author?.name ?? (r.number === 1 ? "import" : "someone")}
              </span>
              <time className="ml-auto text-zinc-400" dateTime={r.createdAt}>
                <DateTime value={r.createdAt} />
              </time>
            </div>
            <div className="mt-1 text-zinc-700 dark:text-zinc-300" data-testid="revision-reason">
              {r.number === 1 ? "Original import" : r.reason}
            </div>
            <div className="mt-0.5 text-zinc-500">
              {r.ops.revertedTo
                ? `reverted to #${r.ops.revertedTo}`
                : [
                    r.ops.updated && `${r.ops.updated} edited`,
                    r.ops.inserted && `${r.ops.inserted} inserted`,
                    r.ops.deleted && `${r.ops.deleted} deleted`,
                    r.ops.moved && `${r.ops.moved} moved`,
                  ]
                    .filter(Boolean)
                    .join(", ") || `${r.steps} steps`}
            </div>
            {canEdit && r.number !== head && (
              <div className="mt-1">
                {reverting === r.number ? (
                  <form
                    className="flex gap-1"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void revert(r.number);
                    }}
                  >
                    <input
                      data-testid="revert-reason"
                      aria-label="Reason for the revert"
                      placeholder="Reason"
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                      className="flex-1 rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
                    />
                    <Button
                      type="submit"
                      data-testid="revert-confirm"
                      disabled={busy || hasDraft}
                      title={hasDraft ? "Save or discard your draft first" : undefined}
                    >
                      Revert
                    </Button>
                  </form>
                ) : (
                  <button
                    type="button"
                    data-testid="revert-button"
                    className="text-indigo-600 hover:underline"
                    onClick={() => setReverting(r.number)}
                  >
                    Revert to #{r.number}…
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {error && <ErrorBox error={new Error(error)} />}
      {from !== null && to !== null && (
        <Button
          variant="secondary"
          data-testid="compare-button"
          disabled={from === to}
          onClick={() => setCompare({ from, to })}
        >
          Compare #{from} → #{to}
        </Button>
      )}
    </div>
  );
}
