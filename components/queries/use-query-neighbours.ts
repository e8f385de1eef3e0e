"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { listApiQuery, neighbours, withPage, type Target } from "@/components/queries/list-neighbours";
import { queryKeys } from "@/components/queries/query-keys";
import type { QueryPage } from "@/components/queries/query-types";

export const queryHref = (slug: string, id: string, listQs: string) =>
  `/projects/${slug}/queries/${id}${listQs ? `?list=${encodeURIComponent(listQs)}` : ""}`;

/** Previous and next in the list the reviewer came from (its query string), across its pages. */
export function useQueryNeighbours(slug: string, listQs: string, id: string) {
  const qc = useQueryClient();
  const router = useRouter();
  const fetchPage = (qs: string) => {
    const api = listApiQuery(qs);
    return qc.fetchQuery({
      queryKey: queryKeys.list(slug, api),
      queryFn: () => apiFetch<QueryPage>(`/api/projects/${slug}/queries?${api}`),
    });
  };
  const api = listApiQuery(listQs);
  const page = useQuery({
    queryKey: queryKeys.list(slug, api),
    queryFn: () => apiFetch<QueryPage>(`/api/projects/${slug}/queries?${api}`),
  });
  // Where this query sat, so that once it leaves the list (decided) `j` still goes on from there.
  const [seen, setSeen] = useState<{ id: string; index: number } | null>(null);
  const list = page.data
    ? {
        ids: page.data.items.map((q) => q.id),
        page: page.data.page,
        pageCount: page.data.pageCount,
        pageSize: page.data.pageSize,
        total: page.data.total,
      }
    : null;
  const result = list ? neighbours(list, id, seen?.id === id ? seen.index : null) : null;
  if (result && result.index !== null && (seen?.id !== id || seen.index !== result.index))
    setSeen({ id, index: result.index });

  async function go(target: Target | null) {
    if (!target) return;
    if ("id" in target) return router.push(queryHref(slug, target.id, listQs));
    const qs = withPage(listQs, target.page);
    const other = await fetchPage(qs);
    const pick = target.pick === "first" ? other.items[0] : other.items[other.items.length - 1];
    if (pick) router.push(queryHref(slug, pick.id, qs));
  }

  return {
    previous: result?.previous ?? null,
    next: result?.next ?? null,
    position: result?.position ?? null,
    total: page.data?.total ?? null,
    go,
  };
}
