"use client";
/**
 * A list's state in the query string: page, sort and filters, so a view can be shared and the
 * back button works. Each list names its filter keys (and, when people count them differently
 * from keys, how to count them) so "Clear filters" and the active-filter badge know what to touch.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";

export type ReadParams = URLSearchParams | { get(k: string): string | null };

export interface ListFilters {
  /** Query-string keys that filter (as opposed to page, pageSize, sort and order). */
  keys: readonly string[];
  /** How many filters are active; default: one per key that is set. */
  count?: (sp: ReadParams) => number;
}

const NO_FILTERS: ListFilters = { keys: [] };

/**
 * The query string last written and the one it replaced. router.replace commits the URL a
 * moment later (after the server round trip), so a second change made before that (a debounced
 * input firing just after a select) must build on the first rather than on the stale URL.
 */
let lastWrite: { path: string; from: string; to: string; at: number } | null = null;
const PENDING_MS = 10_000;

const liveSearch = () => window.location.search.replace(/^\?/, "");

function currentSearch(): URLSearchParams {
  const w = lastWrite;
  const pending = w && w.path === window.location.pathname && w.from === liveSearch() && Date.now() - w.at < PENDING_MS;
  return new URLSearchParams(pending ? w.to : liveSearch());
}

export function useListParams(filters: ListFilters = NO_FILTERS) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();

  /** Sets or removes (null or "") keys; any change other than the page goes back to page 1. */
  const setParams = (patch: Partial<Record<string, string | null>>) => {
    // The live URL (or the write still on its way), not the render's copy.
    const next = currentSearch();
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in patch)) next.delete("page");
    const qs = next.toString();
    lastWrite = { path: window.location.pathname, from: liveSearch(), to: qs, at: Date.now() };
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  // Once the URL shows the write, the live URL is the truth again.
  const shown = sp.toString();
  useEffect(() => {
    if (lastWrite?.to === shown) lastWrite = null;
  }, [shown]);

  const activeFilters = filters.count ? filters.count(sp) : filters.keys.filter((k) => Boolean(sp.get(k))).length;
  const clearFilters = () => setParams(Object.fromEntries(filters.keys.map((k) => [k, null])));
  return { sp, setParams, activeFilters, clearFilters };
}
