/** The trajectories list's filters in the query string. */
import type { ListFilters, ReadParams } from "@/components/ui/use-list-params";

export const FILTER_KEYS = [
  "q",
  "domain",
  "format",
  "agent",
  "status",
  "minTokens",
  "maxTokens",
  "minToolCalls",
  "hasHumanFeedback",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Filters as people count them: the token range is one filter, whichever ends are set. */
export function countActiveFilters(sp: ReadParams): number {
  const set = (k: FilterKey) => Boolean(sp.get(k));
  return (
    FILTER_KEYS.filter((k) => k !== "maxTokens" && k !== "minTokens" && set(k)).length +
    (set("minTokens") || set("maxTokens") ? 1 : 0)
  );
}

export const TRAJECTORY_FILTERS: ListFilters = { keys: FILTER_KEYS, count: countActiveFilters };
