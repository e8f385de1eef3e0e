"use client";
/**
 * The virtualized step list: only the rows in view (plus overscan) are in the DOM, and only their
 * bodies are requested. Heights are measured as rows render, so long and short steps mix freely.
 */
import { useEffect, type RefObject } from "react";
import { useSearchHighlight } from "@/components/viewer/search/use-search-highlight";
import { useQuoteHighlight, type QuoteMark } from "@/components/viewer/annotations/use-quote-highlight";
import type { ListHandle } from "@/components/viewer/steps/list-handle";
import { useStepVirtualizer } from "@/components/viewer/steps/use-step-virtualizer";
import type { BodyStore } from "@/components/viewer/data/body-store";
import type { Viewer } from "@/components/viewer/data/viewer-types";
import { StepCard, type StepActions, type StepPair } from "@/components/viewer/steps/step-card";
import type { ViewRow } from "@/components/viewer/steps/view-row";

export interface StepListProps {
  rows: readonly ViewRow[];
  handle: ListHandle;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Called once, when the rows first in view have their bodies and have been painted. */
  onFirstScreen: () => void;
  searchRe: RegExp | null;
  currentHit: { key: string; occurrence: number } | null;
  store: BodyStore;
  focusedKey: string | null;
  onFocus: (key: string) => void;
  expanded: ReadonlySet<string>;
  onExpand: (key: string) => void;
  canEdit: boolean;
  canAnnotate: boolean;
  actions: StepActions;
  annotationCounts: ReadonlyMap<string, number>;
  viewersByStep: ReadonlyMap<string, Viewer[]>;
  pairs: ReadonlyMap<string, StepPair>;
  /** Open annotations' quotes, marked in their steps. */
  quoteMarks: readonly QuoteMark[];
  matchesByKey: ReadonlyMap<string, number>;
  colorTick: number;
  /** Bumped when bodies arrive, so memoized rows pick up their body. */
  bodiesVersion: number;
  deferBodies: boolean;
}

const NO_VIEWERS: Viewer[] = [];

export function StepList({ scrollRef, handle, onFirstScreen, searchRe, currentHit, ...p }: StepListProps) {
  const { rows, store } = p;
  const virtualizer = useStepVirtualizer(rows, scrollRef);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    handle.attach(virtualizer);
    handle.settle();
    handle.setRange(first, last);
  });
  useQuoteHighlight(scrollRef, p.quoteMarks);
  useSearchHighlight(scrollRef, searchRe, currentHit, p.bodiesVersion);

  const firstScreenLoaded =
    items.length > 0 &&
    items.every((it) => {
      const r = rows[it.index];
      return !r?.entry || r.draftBody !== null || store.has(r.entry.id) || store.error(r.entry.id) !== undefined;
    });
  useEffect(() => {
    if (!firstScreenLoaded) return;
    const f = requestAnimationFrame(onFirstScreen);
    return () => cancelAnimationFrame(f);
  }, [firstScreenLoaded, onFirstScreen]);
  useEffect(() => {
    const ids: string[] = [];
    for (let i = first; i <= last; i++) {
      const r = rows[i];
      if (r?.entry && !r.draftBody) ids.push(r.entry.id);
    }
    store.request(ids);
  }, [first, last, rows, store]);

  // The browser's scroll anchoring is off: it moved the list by a row's growth (a "show all"
  // expanding 40 lines to 400 jumped the view 7,000 px down) on top of the virtualizer's own
  // adjustments, which are the only ones the list needs.
  return (
    <div
      ref={scrollRef}
      className="h-full overflow-y-auto overscroll-contain [overflow-anchor:none]"
      data-testid="step-scroller"
      tabIndex={-1}
      onWheel={handle.release}
      onTouchStart={handle.release}
      onPointerDown={handle.release}
      onKeyDown={handle.release}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const id = row.entry?.id;
          const body = row.draftBody ?? (id ? store.get(id) : undefined);
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${item.start}px)` }}
            >
              <StepCard
                row={row}
                body={body}
                bodyError={id ? store.error(id) : undefined}
                onRetry={store.retryOne}
                focused={p.focusedKey === row.key}
                expanded={p.expanded.has(row.key)}
                onExpand={p.onExpand}
                onFocus={p.onFocus}
                canEdit={p.canEdit}
                canAnnotate={p.canAnnotate}
                actions={p.actions}
                annotationCount={p.annotationCounts.get(row.key) ?? 0}
                viewers={p.viewersByStep.get(row.key) ?? NO_VIEWERS}
                pair={p.pairs.get(row.key) ?? null}
                matches={p.matchesByKey.get(row.key) ?? 0}
                colorTick={p.colorTick}
                deferBody={p.deferBodies}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
