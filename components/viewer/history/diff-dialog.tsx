"use client";
/**
 * The comparison of two revisions in a wide view over the page (the side panel is too narrow for a
 * side-by-side diff of long steps). Esc or ✕ closes it; focus starts inside and returns on close.
 */
import { useEffect, useRef } from "react";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { Compare } from "@/components/viewer/history/history-panel";
import { RevisionDiff } from "@/components/viewer/history/revision-diff";

export function DiffDialog({ api, compare, onClose }: { api: TrajectoryApi; compare: Compare; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = document.activeElement;
    ref.current?.focus();
    return () => {
      if (back instanceof HTMLElement) back.focus();
    };
  }, []);
  return (
    <div className="fixed inset-0 z-50 flex bg-black/40 p-2 md:p-6" onClick={onClose}>
      <div
        ref={ref}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-label={`Changes from revision #${compare.from} to #${compare.to}`}
        data-testid="diff-dialog"
        className="flex min-h-0 w-full flex-col overflow-y-auto rounded-lg bg-white p-3 shadow-xl focus:outline-none dark:bg-zinc-900"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <RevisionDiff api={api} from={compare.from} to={compare.to} onClose={onClose} wide />
      </div>
    </div>
  );
}
