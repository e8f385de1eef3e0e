/** The Queries list's filters in the query string (the API's own parameter names). */
import type { ListFilters } from "@/components/ui/use-list-params";

export const QUERY_FILTER_KEYS = ["q", "status", "domain", "source", "difficulty", "tag"] as const;
export const QUERY_FILTERS: ListFilters = { keys: QUERY_FILTER_KEYS };

/** Sort choices as one select: the API's `sort` and `order`. */
export const QUERY_SORTS = [
  { value: "createdAt:desc", label: "Newest first" },
  { value: "createdAt:asc", label: "Oldest first" },
  { value: "updatedAt:desc", label: "Recently edited" },
] as const;
