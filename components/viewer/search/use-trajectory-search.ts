"use client";
/**
 * Search inside the trajectory over the visible steps. Steps without a loaded body are searched
 * through their preview; as soon as a query is typed the remaining bodies are fetched in the
 * background (≤200 per request), so the count becomes exact without loading anything up front.
 */
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import {
  compileSearch,
  firstHitFrom,
  searchItems,
  stepHit,
  stepSearchText,
  type SearchResult,
} from "@/lib/viewer/search";
import type { BodyStore } from "@/components/viewer/data/body-store";
import type { ViewRow } from "@/components/viewer/steps/view-row";

export interface SearchState {
  query: string;
  setQuery: (q: string) => void;
  regex: boolean;
  setRegex: (v: boolean) => void;
  caseSensitive: boolean;
  setCaseSensitive: (v: boolean) => void;
  error: string | null;
  result: SearchResult | null;
  current: number;
  re: RegExp | null;
  next: () => void;
  prev: () => void;
  /** Bodies still loading for an exact count. */
  pendingBodies: number;
}

const EMPTY: SearchResult = { hits: [], perPosition: new Map(), capped: false };

export function rowSearchText(row: ViewRow, store: BodyStore): string {
  const body = row.draftBody ?? (row.entry ? store.get(row.entry.id) : undefined);
  return body ? stepSearchText(body) : (row.entry?.preview ?? "");
}

export function useTrajectorySearch(
  rows: readonly ViewRow[],
  store: BodyStore,
  bodiesVersion: number,
  focusedPosition: number,
): SearchState {
  const [query, setQuery] = useState("");
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  // The current hit belongs to one compiled query: a new query starts again from the reader's position.
  const [cursor, setCursor] = useState<{ re: RegExp | null; index: number }>({ re: null, index: -1 });
  const deferredQuery = useDeferredValue(query);
  const deferredVersion = useDeferredValue(bodiesVersion);
  const compiled = useMemo(
    () => compileSearch(deferredQuery, { regex, caseSensitive }),
    [deferredQuery, regex, caseSensitive],
  );

  const active = compiled.re !== null;
  useEffect(() => {
    if (!active) return;
    store.request(rows.flatMap((r) => (r.entry && !r.draftBody ? [r.entry.id] : [])));
  }, [active, rows, store]);

  const result = useMemo(() => {
    if (!compiled.re) return null;
    void deferredVersion;
    const re = compiled.re;
    return searchItems(rows.length, (i) => rowSearchText(rows[i], store), re);
  }, [compiled.re, rows, store, deferredVersion]);

  const pendingBodies = useMemo(() => {
    if (!active) return 0;
    void deferredVersion;
    return rows.reduce(
      (n, r) => n + (r.entry && !r.draftBody && !store.has(r.entry.id) && !store.error(r.entry.id) ? 1 : 0),
      0,
    );
  }, [active, rows, store, deferredVersion]);

  const hits = result?.hits ?? EMPTY.hits;
  const current = cursor.re === compiled.re && cursor.index < hits.length ? cursor.index : -1;
  const setCurrent = (fn: (c: number) => number) => setCursor({ re: compiled.re, index: fn(current) });

  return {
    query,
    setQuery,
    regex,
    setRegex,
    caseSensitive,
    setCaseSensitive,
    error: compiled.error,
    result,
    current,
    re: compiled.re,
    next: () =>
      setCurrent((c) => (c < 0 ? firstHitFrom(hits, Math.max(0, focusedPosition)) : stepHit(c, hits.length, 1))),
    prev: () =>
      setCurrent((c) => {
        if (c >= 0) return stepHit(c, hits.length, -1);
        const start = firstHitFrom(hits, Math.max(0, focusedPosition));
        return start <= 0 ? hits.length - 1 : start - 1;
      }),
    pendingBodies,
  };
}
