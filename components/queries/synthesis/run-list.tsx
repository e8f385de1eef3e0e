"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/http/client-fetch";
import { formatCost, runView } from "@/components/queries/synthesis/run-progress";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import { RunProgressBar } from "@/components/queries/synthesis/run-progress-bar";
import { RunStatusBadge } from "@/components/queries/synthesis/run-status-badge";
import type { PrImportRow, RunRow } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";
import { formatDateTime } from "@/lib/dates/format-date";

const fmt = new Intl.NumberFormat("en");

/** Synthesis runs, newest first, refreshed while any of them is moving. */
export function RunList({ slug, importId, title = "Runs" }: { slug: string; importId?: string; title?: string }) {
  const runs = useQuery({
    queryKey: queryKeys.runs(slug),
    queryFn: () => apiFetch<{ runs: RunRow[] }>(`/api/projects/${slug}/synthesis/runs`),
    refetchInterval: (q) => (q.state.data?.runs.some((r) => runView(r).active) ? 1500 : false),
  });
  const imports = useQuery({
    queryKey: queryKeys.prImports(slug),
    queryFn: () => apiFetch<{ imports: PrImportRow[] }>(`/api/projects/${slug}/pr-imports`),
    enabled: !importId,
  });
  const names = new Map((imports.data?.imports ?? []).map((i) => [i.id, i.sourceName]));
  const shown = (runs.data?.runs ?? []).filter((r) => !importId || r.importId === importId);
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-base font-semibold">{title}</h2>
      {runs.isPending && <Spinner />}
      {runs.error && <ErrorBox error={runs.error} retry={() => runs.refetch()} />}
      {runs.data && shown.length === 0 && (
        <EmptyState title="No synthesis runs yet">
          {importId ? "Start one above." : "Import pull requests, then start a run on the import."}
        </EmptyState>
      )}
      {shown.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="min-w-full text-sm" data-testid="run-list">
            <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className="px-3 py-2 font-medium">Run</th>
                {!importId && <th className="px-3 py-2 font-medium">Import</th>}
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Progress</th>
                <th className="px-3 py-2 text-right font-medium">Candidates</th>
                <th className="px-3 py-2 text-right font-medium">Flagged</th>
                <th className="px-3 py-2 text-right font-medium">Failed</th>
                <th className="px-3 py-2 text-right font-medium">Tokens</th>
                <th className="px-3 py-2 text-right font-medium">Cost</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const v = runView(r);
                return (
                  <tr
                    key={r.id}
                    className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50"
                    data-testid="run-row"
                  >
                    <td className="whitespace-nowrap px-3 py-2">
                      <Link
                        href={`/projects/${slug}/queries/synthesis/runs/${r.id}`}
                        className="font-medium hover:underline"
                        data-testid="run-link"
                      >
                        <DateTime value={r.createdAt} />
                      </Link>
                      <div className="text-xs text-zinc-500">
                        {r.model} · {r.concurrency} in flight{r.domain ? ` · ${r.domain}` : ""}
                      </div>
                    </td>
                    {!importId && (
                      <td className="max-w-48 truncate px-3 py-2">
                        <Link href={`/projects/${slug}/queries/prs/${r.importId}`} className="hover:underline">
                          {names.get(r.importId) ?? "import"}
                        </Link>
                      </td>
                    )}
                    <td className="px-3 py-2">
                      <RunStatusBadge status={r.status} />
                    </td>
                    <td className="px-3 py-2">
                      <RunProgressBar
                        view={v}
                        total={r.total}
                        label={`Progress of the run started ${formatDateTime(r.createdAt)}`}
                      />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(v.candidates)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.flagged)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(r.failed)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fmt.format(v.tokens)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCost(r.costUsd)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
