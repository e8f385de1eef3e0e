"use client";
/**
 * The text outline beside the colour rail: human turns, tool calls by name, errors and annotated
 * steps as labelled entries (lib/viewer/outline-entries), virtualized like the steps so 6,811
 * steps cost a screenful of rows. The focused step's entry (or the last one before it) is marked
 * and kept in view; Enter or a click jumps.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef } from "react";
import type { OutlineEntry } from "@/lib/viewer/outline-entries";

const ROW = 24;
const ICON: Record<OutlineEntry["type"], { mark: string; cls: string; what: string }> = {
  human: { mark: "H", cls: "bg-amber-600 text-white", what: "Human turn" },
  tool: { mark: "T", cls: "bg-sky-700 text-white", what: "Tool call" },
  error: { mark: "!", cls: "bg-red-700 text-white", what: "Error" },
  annotation: { mark: "✎", cls: "bg-violet-700 text-white", what: "Annotated" },
};

export function TextOutline({
  entries,
  focusedPos,
  onJump,
}: {
  entries: readonly OutlineEntry[];
  focusedPos: number;
  onJump: (pos: number) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- see use-step-virtualizer.ts
  const v = useVirtualizer({
    count: entries.length,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    overscan: 10,
    useFlushSync: false,
  });
  // The entry at or before the focused step.
  const current = useMemo(() => {
    let lo = 0;
    let hi = entries.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid].pos <= focusedPos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }, [entries, focusedPos]);
  useEffect(() => {
    // Only when laid out: the virtualizer retries a scroll frame after frame until it lands, which
    // never happens in a list of no height.
    if (current >= 0 && ref.current?.clientHeight) v.scrollToIndex(current, { align: "auto" });
  }, [current, v]);

  if (entries.length === 0)
    return <p className="p-2 text-xs text-zinc-600 dark:text-zinc-400">No human turns, tools, errors or notes here.</p>;
  return (
    <nav aria-label="Outline of human turns, tools, errors and notes" className="h-full">
      <div ref={ref} className="h-full overflow-y-auto" data-testid="text-outline">
        <ol style={{ height: v.getTotalSize(), position: "relative" }}>
          {v.getVirtualItems().map((it) => {
            const e = entries[it.index];
            const icon = ICON[e.type];
            return (
              <li
                key={e.key}
                style={{
                  position: "absolute",
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW,
                  transform: `translateY(${it.start}px)`,
                }}
              >
                <button
                  type="button"
                  data-testid="outline-entry"
                  data-step-key={e.key}
                  data-type={e.type}
                  aria-current={it.index === current ? "location" : undefined}
                  title={`#${e.ordinal} · ${icon.what}: ${e.label}${e.notes ? ` · ${e.notes} note${e.notes === 1 ? "" : "s"}` : ""}`}
                  onClick={() => onJump(e.pos)}
                  className={`flex h-full w-full items-center gap-1.5 px-1.5 text-left text-xs focus-visible:outline-2 focus-visible:outline-indigo-500 ${it.index === current ? "bg-indigo-100 dark:bg-indigo-950" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
                >
                  <span className="w-10 shrink-0 text-right font-mono text-zinc-600 dark:text-zinc-400">
                    #{e.ordinal}
                  </span>
                  <span
                    aria-hidden
                    className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded text-[10px] font-bold ${icon.cls}`}
                  >
                    {icon.mark}
                  </span>
                  <span className="sr-only">{icon.what}:</span>
                  <span className={`truncate ${e.type === "tool" ? "font-mono" : ""}`}>{e.label}</span>
                  {e.notes > 0 && e.type !== "annotation" && (
                    <span
                      className="ml-auto shrink-0 text-violet-700 dark:text-violet-300"
                      aria-label={`${e.notes} notes`}
                    >
                      ✎{e.notes}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </nav>
  );
}
