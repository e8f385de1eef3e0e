"use client";
/** A save refused because someone saved first: who changed what since, and re-applying the draft on top. */
import { Button } from "@/components/ui/button";
import { draftKeys, type Draft } from "@/lib/viewer/draft";
import type { ConflictDetails } from "@/components/viewer/data/viewer-types";

export function ConflictPanel({
  conflict,
  draft,
  saving,
  onReapply,
  onShowChanges,
  stepName,
}: {
  /** "#N" for a step key: steps are numbered the same way everywhere. */
  stepName: (key: string) => string;
  conflict: ConflictDetails;
  draft: Draft;
  saving: boolean;
  onReapply: () => void;
  onShowChanges: (from: number, to: number) => void;
}) {
  const mine = new Set(draftKeys(draft));
  const overlap = [...new Set(conflict.revisions.flatMap((r) => r.changedKeys))].filter((k) => mine.has(k));
  return (
    <div
      role="alert"
      data-testid="conflict-panel"
      className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">
        Not saved: this trajectory was updated while you edited (now revision {conflict.head}; your draft is on{" "}
        {conflict.base}). Your draft is kept.
      </p>
      <ul className="my-2 list-disc pl-5">
        {conflict.revisions.map((r) => (
          <li key={r.number} data-testid="conflict-revision">
            Revision {r.number} by {r.author?.name ?? "someone"}: {r.reason ?? "no reason"} (
            {r.changedKeys.length ? `steps ${r.changedKeys.map(stepName).join(", ")}` : "reverted"})
          </li>
        ))}
      </ul>
      {overlap.length > 0 && (
        <p data-testid="conflict-overlap">
          You both changed {overlap.map(stepName).join(", ")}. Re-applying merges your edit into theirs line by line;
          lines you both changed are kept side by side for you to settle.
        </p>
      )}
      <div className="mt-2 flex gap-2">
        <Button data-testid="conflict-reapply" onClick={onReapply} disabled={saving}>
          Re-apply my changes on revision {conflict.head}
        </Button>
        <Button
          variant="secondary"
          data-testid="conflict-show-changes"
          onClick={() => onShowChanges(conflict.base, conflict.head)}
        >
          Show their changes
        </Button>
      </div>
    </div>
  );
}
