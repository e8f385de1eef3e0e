"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";

interface Row {
  id: string;
  title: string;
  status: string;
  domain: string | null;
  format: string;
  agent: string | null;
  model: string | null;
  stepCount: number;
  tokensTotal: number;
  tokensHuman: number;
  tokensReasoning: number;
  tokensToolOutput: number;
  toolCallCount: number;
  failedToolCallCount: number;
  humanTurnCount: number;
  createdAt: string;
}
interface Page {
  items: Row[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

const fmt = new Intl.NumberFormat("en");
const COLUMNS: Array<{ key: keyof Row; label: string; sortable?: boolean; numeric?: boolean }> = [
  { key: "title", label: "Title", sortable: true },
  { key: "domain", label: "Domain" },
  { key: "format", label: "Source" },
  { key: "stepCount", label: "Steps", sortable: true, numeric: true },
  { key: "tokensTotal", label: "Tokens", sortable: true, numeric: true },
  { key: "toolCallCount", label: "Tool calls", sortable: true, numeric: true },
  { key: "failedToolCallCount", label: "Failed", sortable: true, numeric: true },
  { key: "humanTurnCount", label: "Human turns", sortable: true, numeric: true },
  { key: "createdAt", label: "Added", sortable: true },
];

/** URL-driven state: the page, sort and filters live in the query string, so a view can be shared. */
export function TrajectoryTable({ slug }: { slug: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const [search, setSearch] = useState(sp.get("q") ?? "");
  const query = new URLSearchParams(sp.toString());
  if (!query.get("pageSize")) query.set("pageSize", "50");

  const setParams = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(sp.toString());
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in patch)) next.delete("page");
    router.replace(`${pathname}?${next.toString()}`);
  };

  // Debounced: the list refetches 300 ms after typing stops.
  const currentQ = sp.get("q") ?? "";
  useEffect(() => {
    if (currentQ === search) return;
    const t = setTimeout(() => {
      const next = new URLSearchParams(window.location.search);
      if (search) next.set("q", search);
      else next.delete("q");
      next.delete("page");
      router.replace(`${pathname}?${next.toString()}`);
    }, 300);
    return () => clearTimeout(t);
  }, [search, currentQ, router, pathname]);

  const q = useQuery({
    queryKey: ["trajectories", slug, query.toString()],
    queryFn: () => apiFetch<Page>(`/api/projects/${slug}/trajectories?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
  const sort = sp.get("sort") ?? "createdAt";
  const order = sp.get("order") ?? "desc";

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Input placeholder="Search titles and first message…" value={search} onChange={(e) => setSearch(e.target.value)} className="max-w-xs" aria-label="Search" />
        <Select aria-label="Domain" value={sp.get("domain") ?? ""} onChange={(e) => setParams({ domain: e.target.value })} className="w-44">
          <option value="">All domains</option>
          <option>Vibe Coding</option>
          <option>Research Workflows</option>
        </Select>
        <Select aria-label="Human feedback" value={sp.get("hasHumanFeedback") ?? ""} onChange={(e) => setParams({ hasHumanFeedback: e.target.value })} className="w-48">
          <option value="">Any feedback</option>
          <option value="true">With human feedback</option>
          <option value="false">Without feedback</option>
        </Select>
        {q.isFetching && !q.isPending && <Spinner label="Updating" />}
      </div>
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.total === 0 && (
        <EmptyState title={sp.toString() ? "No trajectories match these filters" : "No trajectories yet"}>
          {sp.toString() ? "Clear the filters to see everything." : "Import transcript files with `npx limi import <files> --project " + slug + "` to fill this list."}
        </EmptyState>
      )}
      {q.data && q.data.total > 0 && (
        <>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <table className="min-w-full text-sm" data-testid="trajectory-table">
              <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-500 dark:border-zinc-800">
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} className={`px-3 py-2 font-medium ${c.numeric ? "text-right" : ""}`} aria-sort={sort === c.key ? (order === "asc" ? "ascending" : "descending") : undefined}>
                      {c.sortable ? (
                        <button className="uppercase hover:text-zinc-900 dark:hover:text-zinc-100" onClick={() => setParams({ sort: c.key, order: sort === c.key && order === "desc" ? "asc" : "desc" })}>
                          {c.label}
                          {sort === c.key ? (order === "asc" ? " ↑" : " ↓") : ""}
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((r) => (
                  <tr key={r.id} className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50" data-testid="trajectory-row">
                    <td className="max-w-md truncate px-3 py-2 font-medium" title={r.title}>
                      {r.title}
                    </td>
                    <td className="px-3 py-2">{r.domain && <Badge tone="indigo">{r.domain}</Badge>}</td>
                    <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">{r.agent ?? r.format}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.stepCount)}</td>
                    <td className="px-3 py-2 text-right tabular-nums" title={`human ${fmt.format(r.tokensHuman)} · reasoning ${fmt.format(r.tokensReasoning)} · tool output ${fmt.format(r.tokensToolOutput)}`}>
                      {fmt.format(r.tokensTotal)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.toolCallCount)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.failedToolCallCount ? <Badge tone="red">{r.failedToolCallCount}</Badge> : 0}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.humanTurnCount}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-zinc-500">{new Date(r.createdAt).toLocaleDateString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
            <span>
              {fmt.format(q.data.total)} trajectories · page {q.data.page} of {q.data.pageCount}
            </span>
            <div className="flex gap-2">
              <Button variant="secondary" disabled={q.data.page <= 1} onClick={() => setParams({ page: String(q.data.page - 1) })}>
                Previous
              </Button>
              <Button variant="secondary" disabled={q.data.page >= q.data.pageCount} onClick={() => setParams({ page: String(q.data.page + 1) })}>
                Next
              </Button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
