"use client";
import { plainTitle } from "@/lib/markdown/plain-title";
import { ListPager } from "@/components/ui/list-pager";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { Select } from "@/components/ui/field";
import { DateTime } from "@/components/ui/date-time";
import { TrajectoryEmptyState } from "@/components/trajectories/trajectory-empty-state";
import { TrajectoryFilters } from "@/components/trajectories/trajectory-filters";
import { TrajectoryStatusBadge } from "@/components/trajectories/trajectory-status-badge";
import { TrajectoryBulkBar } from "@/components/trajectories/trajectory-bulk-bar";
import { DeletedBanner } from "@/components/trajectories/deleted-banner";
import { COLUMNS } from "@/components/trajectories/trajectory-columns";
import { useListParams } from "@/components/ui/use-list-params";
import { TRAJECTORY_FILTERS } from "@/components/trajectories/trajectory-list-filters";
import { useTrajectoryLiveRefresh } from "@/components/trajectories/use-trajectory-live-refresh";
import { checkListParams, PAGE_SIZES } from "@/lib/trajectory/list-query";
import { useListKeys } from "@/components/ui/use-list-keys";
import { ShortcutsButton } from "@/components/ui/shortcuts-button";
import { ShortcutSheet } from "@/components/viewer/keyboard/shortcut-sheet";
import { sheetRows } from "@/lib/keymap/keymap";
import type { JsonOf } from "@/lib/http/json-of";
import type { listTrajectories } from "@/lib/trajectory/list-trajectories";

// Types only: the list is typed from the server function that makes it.
type Page = JsonOf<Awaited<ReturnType<typeof listTrajectories>>>;

const fmt = new Intl.NumberFormat("en");
const cell = "whitespace-nowrap px-2 py-2";

const LIST_SHEET = sheetRows("list");

/**
 * URL-driven state: the page, sort and filters live in the query string, so a view can be shared.
 * Keys from lib/keymap's "list" context: j/k focus a row, Enter opens it, x ticks it, ? the sheet.
 */
export function TrajectoryTable({
  slug,
  canImport = false,
  canEdit = false,
}: {
  slug: string;
  canImport?: boolean;
  canEdit?: boolean;
}) {
  const { sp, setParams, activeFilters, clearFilters } = useListParams(TRAJECTORY_FILTERS);
  useTrajectoryLiveRefresh(slug);
  // A bad value in the URL is left out (and said so) rather than failing the whole list.
  const { search: query, notices } = checkListParams(sp);
  if (!query.get("pageSize")) query.set("pageSize", "50");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const q = useQuery({
    queryKey: ["trajectories", slug, query.toString()],
    queryFn: () => apiFetch<Page>(`/api/projects/${slug}/trajectories?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
  const sort = query.get("sort") ?? "createdAt";
  const order = query.get("order") ?? "desc";
  const pageNotice =
    q.data && q.data.requestedPage !== q.data.page
      ? `There is no page ${q.data.requestedPage}: the list has ${q.data.pageCount} ${q.data.pageCount === 1 ? "page" : "pages"}, showing the last.`
      : null;
  const allNotices = pageNotice ? [pageNotice, ...notices] : notices;
  const items = q.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const router = useRouter();
  const href = (id: string) => `/projects/${slug}/trajectories/${id}`;
  const { attachRows, rowProps, help, setHelp } = useListKeys({
    count: items.length,
    rowsKey: query.toString(),
    onOpen: (i) => items[i] && router.push(href(items[i].id)),
    onSelect: canEdit ? (i) => items[i] && toggle(items[i].id) : undefined,
  });

  return (
    <div className="space-y-3">
      <DeletedBanner slug={slug} />
      <TrajectoryFilters updating={q.isFetching && !q.isPending} />
      {allNotices.length > 0 && (
        <div
          role="status"
          data-testid="list-notice"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {allNotices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
      {canEdit && selected.size > 0 && (
        <TrajectoryBulkBar slug={slug} ids={[...selected]} onDone={() => setSelected(new Set())} />
      )}
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
          {/* Scrolls sideways when the columns do not fit; the title gives way first. */}
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            <table className="w-full text-sm" data-testid="trajectory-table">
              <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  {canEdit && (
                    <th className="w-8 px-2 py-2">
                      <input
                        type="checkbox"
                        aria-label="Select all on this page"
                        checked={allOnPage}
                        onChange={() =>
                          setSelected(allOnPage ? new Set() : new Set([...selected, ...items.map((r) => r.id)]))
                        }
                        data-testid="select-all"
                      />
                    </th>
                  )}
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className={`px-2 py-2 font-medium ${c.numeric ? "text-right" : ""} ${c.key === "title" ? "w-full min-w-32" : ""}`}
                      aria-sort={sort === c.key ? (order === "asc" ? "ascending" : "descending") : undefined}
                      title={c.hint}
                    >
                      <button
                        className="rounded uppercase hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-zinc-100"
                        data-testid={`sort-${c.key}`}
                        onClick={() =>
                          setParams({ sort: c.key, order: sort === c.key && order === "desc" ? "asc" : "desc" })
                        }
                      >
                        {c.label}
                        {sort === c.key ? (order === "asc" ? " ↑" : " ↓") : ""}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody ref={attachRows}>
                {items.map((r, i) => (
                  <tr
                    key={r.id}
                    {...rowProps(i)}
                    className={`border-b border-zinc-100 last:border-0 hover:bg-zinc-50 data-[focused=true]:bg-indigo-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50 dark:data-[focused=true]:bg-indigo-950/50 ${selected.has(r.id) ? "bg-indigo-50/60 dark:bg-indigo-950/40" : ""}`}
                    data-testid="trajectory-row"
                    data-id={r.id}
                  >
                    {canEdit && (
                      <td className="px-2 py-2">
                        <input
                          type="checkbox"
                          aria-label={`Select ${r.title}`}
                          checked={selected.has(r.id)}
                          onChange={() => toggle(r.id)}
                          data-testid="select-row"
                        />
                      </td>
                    )}
                    <td className="max-w-0 truncate px-2 py-2 font-medium" title={plainTitle(r.title)}>
                      <Link
                        href={href(r.id)}
                        data-row-focus
                        className="rounded hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-300"
                        data-testid="trajectory-link"
                      >
                        {plainTitle(r.title)}
                      </Link>
                    </td>
                    <td className={cell}>
                      <TrajectoryStatusBadge status={r.status} />
                    </td>
                    <td className="px-2 py-2" data-testid="cell-domain">
                      {r.domain ? <Badge tone="indigo">{r.domain}</Badge> : <span className="text-zinc-500">—</span>}
                    </td>
                    <td className={`${cell} text-zinc-700 dark:text-zinc-300`} data-testid="cell-format">
                      {r.format}
                    </td>
                    <td
                      className={`${cell} text-zinc-700 dark:text-zinc-300`}
                      data-testid="cell-agent"
                      title={r.model ?? undefined}
                    >
                      {r.agent ?? "—"}
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>{fmt.format(r.stepCount)}</td>
                    <td
                      className={`${cell} text-right tabular-nums`}
                      title={`human ${fmt.format(r.tokensHuman)} · reasoning ${fmt.format(r.tokensReasoning)} · tool output ${fmt.format(r.tokensToolOutput)}`}
                    >
                      {fmt.format(r.tokensTotal)}
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>{fmt.format(r.toolCallCount)}</td>
                    <td className={`${cell} text-right tabular-nums`}>
                      {r.failedToolCallCount ? <Badge tone="red">{r.failedToolCallCount}</Badge> : 0}
                    </td>
                    <td className={`${cell} text-right tabular-nums`}>{r.humanTurnCount}</td>
                    <td className="min-w-24 px-2 py-2 text-zinc-700 dark:text-zinc-300">
                      <DateTime value={r.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <ShortcutsButton onClick={() => setHelp(true)} />
            <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
              Per page
              <Select
                value={query.get("pageSize") ?? "50"}
                onChange={(e) => setParams({ pageSize: e.target.value })}
                data-testid="page-size"
                className="w-20"
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </Select>
            </label>
            <div className="min-w-0 flex-1">
              <ListPager
                total={q.data.total}
                noun={["trajectory", "trajectories"]}
                page={q.data.page}
                pageCount={q.data.pageCount}
                activeFilters={activeFilters}
                onPage={(n) => setParams({ page: String(n) })}
                testId="list-pager"
              />
            </div>
          </div>
        </>
      )}
      {help && (
        <ShortcutSheet rows={LIST_SHEET} title="Keyboard shortcuts: trajectories" onClose={() => setHelp(false)} />
      )}
    </div>
  );
}
