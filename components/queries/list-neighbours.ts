/**
 * Next and previous in the list a reviewer came from, one server page at a time. The list is
 * the Queries page's own query string (filters, sort, page), so `j`/`k` walk exactly what the
 * person was looking at. A query that just left the list (accepted from a "candidates" view) is
 * placed by the index it had, so `j` goes to the one that moved up into its place.
 */
export interface ListPage {
  ids: readonly string[];
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
}

/** A query on this page, or the first/last one of another page. */
export type Target = { id: string } | { page: number; pick: "first" | "last" };

export interface Neighbours {
  previous: Target | null;
  next: Target | null;
  /** 1-based place in the whole list, when the query is in it. */
  position: number | null;
  /** Where the query is on this page (for the next call's `hintIndex`). */
  index: number | null;
}

export function neighbours(list: ListPage, id: string, hintIndex?: number | null): Neighbours {
  const i = list.ids.indexOf(id);
  const before = list.page > 1 ? ({ page: list.page - 1, pick: "last" } as const) : null;
  const after = list.page < list.pageCount ? ({ page: list.page + 1, pick: "first" } as const) : null;
  if (i >= 0) {
    return {
      previous: i > 0 ? { id: list.ids[i - 1] } : before,
      next: i < list.ids.length - 1 ? { id: list.ids[i + 1] } : after,
      position: (list.page - 1) * list.pageSize + i + 1,
      index: i,
    };
  }
  if (hintIndex === undefined || hintIndex === null || hintIndex < 0)
    return { previous: null, next: null, position: null, index: null };
  const previousIndex = Math.min(hintIndex, list.ids.length) - 1;
  return {
    previous: previousIndex >= 0 ? { id: list.ids[previousIndex] } : before,
    next: hintIndex < list.ids.length ? { id: list.ids[hintIndex] } : after,
    position: null,
    index: null,
  };
}

/** The list query string with a different page. */
export function withPage(listQs: string, page: number): string {
  const sp = new URLSearchParams(listQs);
  if (page <= 1) sp.delete("page");
  else sp.set("page", String(page));
  return sp.toString();
}

/** The page the Queries list shows by default; the detail view asks for the same one. */
export const LIST_PAGE_SIZE = 50;

/** The API query string for a list query string: the page size made explicit. */
export function listApiQuery(listQs: string): string {
  const sp = new URLSearchParams(listQs);
  if (!sp.get("pageSize")) sp.set("pageSize", String(LIST_PAGE_SIZE));
  return sp.toString();
}
