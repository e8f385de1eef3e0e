"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, type RefObject } from "react";
import type { ViewRow } from "@/components/viewer/steps/view-row";

/** Header + a few lines; a body's real height is measured once rendered. */
function estimate(row: ViewRow | undefined): number {
  if (!row) return 120;
  const bytes = row.entry?.bodyBytes ?? 400;
  const lines = Math.min(40, Math.ceil(bytes / 110));
  return 56 + lines * 18;
}

export function useStepVirtualizer(rows: readonly ViewRow[], scrollRef: RefObject<HTMLDivElement | null>) {
  const estimateSize = useCallback((i: number) => estimate(rows[i]), [rows]);
  const getItemKey = useCallback((i: number) => rows[i]?.key ?? i, [rows]);
  // The React Compiler is off in this app, so nothing memoizes around the virtualizer's functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 6,
    // React 19 warns about flushSync inside render-phase updates; async updates are smooth enough here.
    useFlushSync: false,
  });
}
