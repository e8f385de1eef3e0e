"use client";
import { ListPager } from "@/components/ui/list-pager";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/http/client-fetch";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { TrajectoryEmptyState } from "@/components/trajectories/trajectory-empty-state";
import { TrajectoryFilters } from "@/components/trajectories/trajectory-filters";
import { TrajectoryStatusBadge } from "@/components/trajectories/trajectory-status-badge";
import { useListParams } from "@/components/ui/use-list-params";
import { TRAJECTORY_FILTERS } from "@/components/trajectories/trajectory-list-filters";
import { useTrajectoryLiveRefresh } from "@/components/trajectories/use-trajectory-live-refresh";
import type { JsonOf } from "@/lib/http/json-of";
import type { listTrajectories } from "@/lib/trajectory/list-trajectories";
import { DateTime } from "@/components/ui/date-time";

// Types only: the list is typed from the server function that makes it.
type Page = JsonOf<Awaited<ReturnType<typeof listTrajectories>>>;
type Row = Page["items"][number];

const fmt = new Intl.NumberFormat("en");
const COLUMNS: Array<{ key: keyof Row & string; label: string; sortable?: boolean; numeric?: boolean }> = [
  { key: "title", label: "Title", sortable: true },
  { key: "status", label: "Status" },
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
export function TrajectoryTable({ slug, canImport = false }: { slug: string; canImport?: boolean }) {
  const { sp, setParams, activeFilters, clearFilters } = useListParams(TRAJECTORY_FILTERS);
  useTrajectoryLiveRefresh(slug);
  const query = new URLSearchParams(sp.toString());
  if (!query.get("pageSize")) query.set("pageSize", "50");

  const q = useQuery({
    queryKey: ["trajectories", slug, query.toString()],
    queryFn: () => apiFetch<Page>(`/api/projects/${slug}/trajectories?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
  const sort = sp.get("sort") ?? "createdAt";
  const order = sp.get("order") ?? "desc";

  return (
    <div className="space-y-3">
      <TrajectoryFilters updating={q.isFetching && !q.isPending} />
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.total === 0 && (
        <TrajectoryEmptyState
          slug={slug}
          filtered={activeFilters > 0}
          canImport={canImport}
          onClearFilters={clearFilters}
        />
      )}
      {q.data && q.data.total > 0 && (
        <>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <table className="min-w-full text-sm" data-testid="trajectory-table">
              <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-500 dark:border-zinc-800">
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className={`px-3 py-2 font-medium ${c.numeric ? "text-right" : ""}`}
                      aria-sort={sort === c.key ? (order === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {c.sortable ? (
                        <button
                          className="uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
                          onClick={() =>
                            setParams({ sort: c.key, order: sort === c.key && order === "desc" ? "asc" : "desc" })
                          }
                        >
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
                  <tr
                    key={r.id}
                    className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50"
                    data-testid="trajectory-row"
                  >
                    <td className="max-w-md truncate px-3 py-2 font-medium" title={r.title}>
                      <Link
                        href={`/projects/${slug}/trajectories/${r.id}`}
                        className="hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-300"
                        data-testid="trajectory-link"
                      >
                        {r.title}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <TrajectoryStatusBadge status={r.status} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {r.domain && <Badge tone="indigo">{r.domain}</Badge>}
                    </td>
                    <td
                      className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400"
                      title={[r.format, r.model].filter(Boolean).join(" · ")}
                    >
                      {r.agent ?? r.format}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.stepCount)}</td>
                    <td
                      className="px-3 py-2 text-right tabular-nums"
                      title={`human ${fmt.format(r.tokensHuman)} · reasoning ${fmt.format(r.tokensReasoning)} · tool output ${fmt.format(r.tokensToolOutput)}`}
                    >
                      {fmt.format(r.tokensTotal)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.toolCallCount)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {r.failedToolCallCount ? <Badge tone="red">{r.failedToolCallCount}</Badge> : 0}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.humanTurnCount}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-zinc-500">
                      <DateTime value={r.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ListPager
            total={q.data.total}
            noun={["trajectory", "trajectories"]}
            page={q.data.page}
            pageCount={q.data.pageCount}
            activeFilters={activeFilters}
            onPage={(n) => setParams({ page: String(n) })}
          />
        </>
      )}
    </div>
  );
}
