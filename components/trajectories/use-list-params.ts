"use client";
/** The trajectories list's state in the query string: page, sort and filters, so a view can be shared. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Query-string keys that filter (as opposed to page, pageSize, sort and order). */
export const FILTER_KEYS = ["q", "domain", "format", "status", "minTokens", "maxTokens", "minToolCalls", "hasHumanFeedback"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Filters as people count them: the token range is one filter, whichever ends are set. */
export function countActiveFilters(sp: URLSearchParams | { get(k: string): string | null }): number {
  const set = (k: FilterKey) => Boolean(sp.get(k));
  return FILTER_KEYS.filter((k) => k !== "maxTokens" && k !== "minTokens" && set(k)).length + (set("minTokens") || set("maxTokens") ? 1 : 0);
}

export function useListParams() {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();

  /** Sets or removes (null or "") keys; any change other than the page goes back to page 1. */
  const setParams = (patch: Partial<Record<string, string | null>>) => {
    // The live URL, not the render's copy: debounced inputs may have changed it since.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === undefined || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in patch)) next.delete("page");
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };

  const activeFilters = countActiveFilters(sp);
  const clearFilters = () => setParams(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
  return { sp, setParams, activeFilters, clearFilters };
}
