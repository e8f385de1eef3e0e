"use client";
/** The unsaved draft: how many changes, a required reason, save and discard; errors, warnings and conflicts of the last save. */
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";
import type { Draft } from "@/lib/viewer/draft";
import type { SaveState } from "@/components/viewer/edit/use-save-draft";
import { ConflictPanel } from "@/components/viewer/edit/conflict-panel";

export function DraftBar({
  draft,
  state,
  onDiscard,
  onShowChanges,
  saveSignal = 0,
  ordinalOf,
}: {
  ordinalOf: (key: string) => number | null;
  draft: Draft;
  state: SaveState;
  /** Bumped by the save key (Ctrl/⌘+S): save when a reason is given, else ask for it. */
  saveSignal?: number;
  onDiscard: () => void;
  onShowChanges: (from: number, to: number) => void;
}) {
  const [reason, setReason] = useState("");
  const reasonRef = useRef<HTMLInputElement>(null);
  const count = draft.ops.length;
  const hasReason = reason.trim().length > 0;
  const stepName = (key: string) => {
    const n = ordinalOf(key);
    return n ? `#${n}` : "a step no longer here";
  };
  const latest = useRef({ reason, hasReason, state });
  useEffect(() => {
    latest.current = { reason, hasReason, state };
  });
  useEffect(() => {
    if (!saveSignal) return;
    const l = latest.current;
    if (l.hasReason && !l.state.saving) void l.state.save(l.reason).then(() => undefined);
    else reasonRef.current?.focus();
  }, [saveSignal]);
  const hasNotes = state.error || state.warnings.length || state.conflict || state.rebased;
  if (!count && !hasNotes) return null;
  return (
    <div
      data-testid="draft-bar"
      className="space-y-2 border-b border-zinc-200 bg-indigo-50 px-3 py-2 dark:border-zinc-800 dark:bg-indigo-950/40"
    >
      {count > 0 && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (hasReason) void state.save(reason).then(() => undefined);
          }}
        >
          <span className="text-sm font-medium" data-testid="draft-count">
            {count} unsaved change{count === 1 ? "" : "s"} on revision {draft.base}
          </span>
          <input
            ref={reasonRef}
            data-testid="save-reason"
            aria-label="Reason for this edit"
            aria-describedby="save-reason-why"
            placeholder="Reason (required), e.g. trim a dead end"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="min-w-64 flex-1 rounded-md border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <Button type="submit" data-testid="save-button" disabled={state.saving || !hasReason}>
            {state.saving ? "Saving…" : "Save revision"}
          </Button>
          <Button
            type="button"
            variant="ghost"
            data-testid="discard-button"
            onClick={onDiscard}
            disabled={state.saving}
          >
            Discard
          </Button>
          <span
            id="save-reason-why"
            data-testid="save-reason-why"
            className="w-full text-xs text-zinc-600 dark:text-zinc-400"
          >
            {hasReason
              ? "Ctrl+S saves too. The reason is shown in History and to the reviewers of this revision."
              : "Give a reason to save: it is shown in History and to the reviewers of this revision."}
          </span>
        </form>
      )}
      {state.conflict ? (
        <ConflictPanel
          conflict={state.conflict}
          draft={draft}
          saving={state.saving}
          onReapply={() => void state.reapply()}
          onShowChanges={onShowChanges}
          stepName={stepName}
        />
      ) : (
        state.error && <ErrorBox error={new Error(state.error)} />
      )}
      {state.rebased && (
        <div
          data-testid="rebase-note"
          className="rounded border border-indigo-200 bg-white p-2 text-sm dark:border-indigo-900 dark:bg-zinc-900"
        >
          Re-applied on revision {draft.base}: {count} change{count === 1 ? "" : "s"} in your draft, nothing saved yet.
          {state.rebased.merged.length > 0 &&
            ` Merged with their edits: ${state.rebased.merged.map(stepName).join(", ")}.`}
          {state.rebased.conflicts.length > 0 && (
            <strong className="text-amber-700 dark:text-amber-400">
              {" "}
              Both changed the same lines in {state.rebased.conflicts.map(stepName).join(", ")}: open the step in the
              editor and settle the markers.
            </strong>
          )}
          {state.rebased.dropped.map((d) => (
            <div key={d} className="text-amber-700 dark:text-amber-400">
              {d}
            </div>
          ))}
          {state.rebased.merged.length === 0 &&
            state.rebased.conflicts.length === 0 &&
            state.rebased.dropped.length === 0 &&
            " None of their changes touched your steps."}
          <span> Review, then save.</span>
        </div>
      )}
      {state.warnings.length > 0 && (
        <div
          data-testid="save-warnings"
          className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          Saved, with warnings:
          <ul className="list-disc pl-5">
            {state.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <button type="button" className="text-xs underline" onClick={state.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
