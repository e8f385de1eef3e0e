"use client";
import { Button } from "@/components/ui/button";
import type { RevisedEvent } from "@/components/viewer/presence/use-trajectory-live";

/** Someone else saved a revision: say who and why, offer the diff and a reload. */
export function RevisedBanner({
  event,
  viewing,
  hasDraft,
  onDiff,
  onReload,
  onDismiss,
}: {
  event: RevisedEvent;
  viewing: number;
  hasDraft: boolean;
  onDiff: () => void;
  onReload: () => void;
  onDismiss: () => void;
}) {
  return (
    <div
      role="status"
      data-testid="revised-banner"
      className="flex flex-wrap items-center gap-2 border-b border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
    >
      <span>
        Updated by <strong>{event.author}</strong>: revision {event.number} ({event.reason}). You are viewing revision{" "}
        {viewing}.{hasDraft && " Your draft is kept; saving it will ask you to re-apply it on top."}
      </span>
      <Button variant="secondary" data-testid="revised-diff" onClick={onDiff}>
        Show changes
      </Button>
      <Button data-testid="revised-reload" onClick={onReload}>
        Reload
      </Button>
      <button type="button" className="ml-auto text-xs underline" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
