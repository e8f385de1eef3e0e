"use client";
import { ListPager } from "@/components/ui/list-pager";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { listApiQuery } from "@/components/queries/list-neighbours";
import { provenanceLabel, readProvenance } from "@/components/queries/provenance";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { useListParams } from "@/components/ui/use-list-params";
import { QueryBulkBar } from "@/components/queries/query-bulk-bar";
import { QueryEmptyState } from "@/components/queries/query-empty-state";
import { QueryFilters } from "@/components/queries/query-filters";
import { QUERY_FILTERS } from "@/components/queries/query-list-filters";
import { QuerySourceBadge, QueryStatusBadge } from "@/components/queries/query-badges";
import { queryKeys } from "@/components/queries/query-keys";
import type { QueryPage } from "@/components/queries/query-types";
import { useDomains } from "@/components/queries/use-domains";
import { DateTime } from "@/components/ui/date-time";
import { useListKeys } from "@/components/ui/use-list-keys";
import { ShortcutsButton } from "@/components/ui/shortcuts-button";
import { ShortcutSheet } from "@/components/viewer/keyboard/shortcut-sheet";
import { sheetRows } from "@/lib/keymap/keymap";

const fmt = new Intl.NumberFormat("en");
/** The first line of the markdown, without heading marks, as the row's title. */
const firstLine = (text: string) =>
  text
    .trim()
    .split("\n")[0]
    .replace(/^#+\s*/, "");

const LIST_SHEET = [
  ...sheetRows("list"),
  ...sheetRows("queries")
    .filter((r) => !["j", "k", "?", "Esc"].includes(r.keys))
    .map((r) => ({ keys: r.keys, what: `on a query's page: ${r.what}` })),
];

/**
 * The pool: server-side pages, filters in the URL, row selection for bulk decisions (leads and up).
 * Keys from lib/keymap's "list" context (j/k, Enter, x, ?); the sheet also lists the query page's.
 */
export function QueryTable({ slug, canDecide, canWrite }: { slug: string; canDecide: boolean; canWrite: boolean }) {
  const { sp, setParams, activeFilters, clearFilters } = useListParams(QUERY_FILTERS);
  const listQs = sp.toString();
  const apiQs = listApiQuery(listQs);
  const domains = useDomains(slug);
  const q = useQuery({
    queryKey: queryKeys.list(slug, apiQs),
    queryFn: () => apiFetch<QueryPage>(`/api/projects/${slug}/queries?${apiQs}`),
    placeholderData: keepPreviousData,
  });
  // A selection belongs to the page it was made on; paging or filtering starts a new one.
  const [selection, setSelection] = useState<{ qs: string; ids: Set<string> }>({ qs: listQs, ids: new Set() });
  const selected = selection.qs === listQs ? selection.ids : new Set<string>();
  const [notice, setNotice] = useState<string | null>(null);
  const items = q.data?.items ?? [];
  const allOnPage = items.length > 0 && items.every((r) => selected.has(r.id));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelection({ qs: listQs, ids: next });
  };
  const toggleAll = () => setSelection({ qs: listQs, ids: allOnPage ? new Set() : new Set(items.map((r) => r.id)) });
  const detailHref = (id: string) =>
    `/projects/${slug}/queries/${id}${listQs ? `?list=${encodeURIComponent(listQs)}` : ""}`;
  const router = useRouter();
  const { attachRows, rowProps, help, setHelp } = useListKeys({
    count: items.length,
    rowsKey: apiQs,
    onOpen: (i) => items[i] && router.push(detailHref(items[i].id)),
    onSelect: canDecide ? (i) => items[i] && toggle(items[i].id) : undefined,
  });

  return (
    <div className="space-y-3">
      <QueryFilters domains={domains.data?.domains ?? []} updating={q.isFetching && !q.isPending} />
      {notice && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="query-notice">
          {notice}
        </p>
      )}
      {canDecide && selected.size > 0 && (
        <QueryBulkBar
          slug={slug}
          ids={[...selected]}
          onClear={() => setSelection({ qs: listQs, ids: new Set() })}
          onDone={(m) => {
            setNotice(m);
            setSelection({ qs: listQs, ids: new Set() });
          }}
        />
      )}
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.total === 0 && (
        <QueryEmptyState
          slug={slug}
          filtered={activeFilters > 0}
          canWrite={canWrite}
          canDecide={canDecide}
          onClearFilters={clearFilters}
        />
      )}
      {q.data && q.data.total > 0 && (
        <>
          <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            {/* Scrolls sideways when the columns do not fit; the query text gives way first. */}
            <table className="w-full text-sm" data-testid="query-table">
              <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  {canDecide && (
                    <th className="w-8 px-2 py-2">
                      <input
                        type="checkbox"
                        aria-label="Select all on this page"
                        checked={allOnPage}
                        onChange={toggleAll}
                        data-testid="select-all"
                      />
                    </th>
                  )}
                  <th className="w-full min-w-48 px-2 py-2 font-medium">Query</th>
                  <th className="px-2 py-2 font-medium">Status</th>
                  <th className="px-2 py-2 font-medium">Domain</th>
                  <th className="px-2 py-2 font-medium">Source</th>
                  <th className="px-2 py-2 font-medium">Difficulty</th>
                  <th className="px-2 py-2 font-medium">Tags</th>
                  <th className="px-2 py-2 text-right font-medium" title="Trajectories collected for this query">
                    Trajectories
                  </th>
                  <th className="px-2 py-2 text-right font-medium" title="Trajectories approved">
                    Approved
                  </th>
                  <th className="px-2 py-2 font-medium">Author</th>
                  <th className="px-2 py-2 font-medium">Added</th>
                </tr>
              </thead>
              <tbody ref={attachRows}>
                {items.map((r, i) => {
                  const origin = provenanceLabel(readProvenance(r.provenance));
                  return (
                    <tr
                      key={r.id}
                      {...rowProps(i)}
                      className={`border-b border-zinc-100 last:border-0 hover:bg-zinc-50 data-[focused=true]:bg-indigo-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50 dark:data-[focused=true]:bg-indigo-950/50 ${selected.has(r.id) ? "bg-indigo-50/60 dark:bg-indigo-950/40" : ""}`}
                      data-testid="query-row"
                      data-id={r.id}
                      data-status={r.status}
                    >
                      {canDecide && (
                        <td className="px-2 py-2">
                          <input
                            type="checkbox"
                            aria-label={`Select: ${firstLine(r.text).slice(0, 60)}`}
                            checked={selected.has(r.id)}
                            onChange={() => toggle(r.id)}
                            data-testid="select-row"
                          />
                        </td>
                      )}
                      <td className="min-w-48 max-w-0 px-2 py-2">
                        <Link
                          href={detailHref(r.id)}
                          data-row-focus
                          className="line-clamp-2 font-medium hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-300"
                          title={r.text.slice(0, 500)}
                          data-testid="query-link"
                        >
                          {firstLine(r.text)}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap px-2 py-2">
                        <QueryStatusBadge status={r.status} />
                      </td>
                      <td className="px-2 py-2">
                        <Badge tone="indigo">{r.domain}</Badge>
                      </td>
                      <td className="px-2 py-2">
                        <QuerySourceBadge source={r.source} />
                        {origin && (
                          <span className="block max-w-28 truncate font-mono text-xs text-zinc-500" title={origin}>
                            {origin}
                          </span>
                        )}
                      </td>
                      <td className="whitespace-nowrap px-2 py-2 text-zinc-600 dark:text-zinc-400">
                        {r.difficulty ?? "—"}
                      </td>
                      <td className="px-2 py-2">
                        <div className="flex max-w-32 flex-wrap gap-1">
                          {r.tags.map((t) => (
                            <button
                              key={t}
                              type="button"
                              className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 hover:bg-zinc-200 dark:bg-zinc-800 dark:text-zinc-300"
                              onClick={() => setParams({ tag: t })}
                              title={`Only queries tagged ${t}`}
                            >
                              {t}
                            </button>
                          ))}
                        </div>
                      </td>
                      <td className="px-2 py-2 text-right tabular-nums" data-testid="trajectory-count">
                        {fmt.format(r.trajectoryCount)}
                      </td>
                      <td className="px-2 py-2 text-right tabular-nums" data-testid="approved-count">
                        {r.approvedCount ? <Badge tone="green">{fmt.format(r.approvedCount)}</Badge> : 0}
                      </td>
                      <td
                        className="whitespace-nowrap px-2 py-2 text-zinc-600 dark:text-zinc-400"
                        title={r.author?.email}
                      >
                        {r.author?.name ?? "—"}
                      </td>
                      <td className="min-w-24 px-2 py-2 text-zinc-500">
                        <DateTime value={r.createdAt} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <ShortcutsButton onClick={() => setHelp(true)} />
            <div className="min-w-0 flex-1">
              <ListPager
                total={q.data.total}
                noun={["query", "queries"]}
                page={q.data.page}
                pageCount={q.data.pageCount}
                activeFilters={activeFilters}
                onPage={(n) => setParams({ page: String(n) })}
                testId="query-total"
              />
            </div>
          </div>
        </>
      )}
      {help && <ShortcutSheet rows={LIST_SHEET} title="Keyboard shortcuts: queries" onClose={() => setHelp(false)} />}
    </div>
  );
}
