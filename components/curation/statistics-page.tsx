"use client";
/**
 * The statistics page: every chart for the whole pool, the approved pool and the chosen set side by
 * side, drawn by the components/charts wrappers (recharts), each with its numbers as a table.
 */
import { useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { BarChart } from "@/components/charts/bar-chart";
import { Select } from "@/components/ui/field";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { curationApi, curationPath, type SetsResponse, type StatsResponse } from "@/components/curation/curation-api";

const SCOPE_SERIES = [
  { key: "pool", label: "whole pool" },
  { key: "approved", label: "approved pool" },
  { key: "set", label: "current set" },
];
type Row = Record<string, string | number | null>;

function NumbersTable({
  rows,
  columns,
  testId,
}: {
  rows: Row[];
  columns: { key: string; label: string }[];
  testId: string;
}) {
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Numbers</summary>
      <table className="mt-1 w-full text-left" data-testid={testId}>
        <thead>
          <tr>
            <th className="pr-2 font-medium">category</th>
            {columns.map((c) => (
              <th key={c.key} className="pr-2 font-medium">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r.category)} data-category={String(r.category)}>
              <td className="pr-2">{r.category}</td>
              {columns.map((c) => (
                <td key={c.key} className="pr-2" data-scope={c.key}>
                  {r[c.key] ?? 0}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function ScopeChart({ title, rows, testId }: { title: string; rows: Row[]; testId: string }) {
  return (
    <div>
      <BarChart title={title} data={rows} x="category" series={SCOPE_SERIES} testId={testId} />
      <NumbersTable rows={rows} columns={SCOPE_SERIES} testId={`${testId}-numbers`} />
    </div>
  );
}

function ByCategory({
  title,
  data,
  testId,
}: {
  title: string;
  data: { categories: string[]; rows: Record<string, Row[]> };
  testId: string;
}) {
  const series = data.categories.map((c) => ({ key: c, label: c }));
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="grid gap-3 lg:grid-cols-3">
        {SCOPE_SERIES.map((s) => (
          <div key={s.key}>
            <BarChart
              title={s.label}
              data={data.rows[s.key] ?? []}
              x="category"
              series={series}
              stacked
              testId={`${testId}-${s.key}`}
            />
            <NumbersTable rows={data.rows[s.key] ?? []} columns={series} testId={`${testId}-${s.key}-numbers`} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function StatisticsPage({ slug }: { slug: string }) {
  const api = curationApi(slug);
  const router = useRouter();
  const params = useSearchParams();
  const sets = useQuery({ queryKey: ["curation", slug, "sets"], queryFn: () => apiFetch<SetsResponse>(api.sets) });
  const setId = params.get("setId") ?? sets.data?.sets[0]?.id ?? undefined;
  const stats = useQuery({
    queryKey: ["curation", slug, "stats", setId ?? null],
    queryFn: () => apiFetch<StatsResponse>(api.stats(setId)),
    enabled: !sets.isPending,
  });
  return (
    <div className="space-y-6">
      <label className="block max-w-sm text-sm">
        <span className="block text-xs text-zinc-600 dark:text-zinc-400">Current set</span>
        <Select
          value={setId ?? ""}
          onChange={(e) =>
            router.replace(curationPath(slug, `/statistics?setId=${encodeURIComponent(e.target.value)}`))
          }
          className="w-full"
          data-testid="stats-set"
        >
          {!sets.data?.sets.length && <option value="">no sets yet</option>}
          {sets.data?.sets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </label>
      {stats.isPending ? (
        <Spinner label="Counting" />
      ) : stats.isError ? (
        <ErrorBox error={stats.error} retry={() => void stats.refetch()} />
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-3" data-testid="stats-totals">
            {SCOPE_SERIES.map((s) => {
              const t = stats.data.totals[s.key] as { n: number; tokens: number };
              return (
                <div key={s.key} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
                  <dt className="text-xs text-zinc-600 dark:text-zinc-400">{s.label}</dt>
                  <dd className="text-lg font-semibold" data-scope={s.key}>
                    {t.n} trajectories
                  </dd>
                  <dd className="text-xs text-zinc-600 dark:text-zinc-400">
                    mean {t.n ? Math.round(t.tokens / t.n).toLocaleString("en") : 0} tokens
                  </dd>
                </div>
              );
            })}
          </dl>
          <ByCategory
            title="Length in tokens, by domain"
            data={stats.data.lengthByDomain}
            testId="chart-length-domain"
          />
          <ByCategory
            title="Length in tokens, by query source"
            data={stats.data.lengthBySource}
            testId="chart-length-source"
          />
          <div className="grid gap-4 lg:grid-cols-2">
            <ScopeChart title="Token share by step kind (%)" rows={stats.data.tokenShare} testId="chart-token-share" />
            <ScopeChart title="Tool calls per trajectory" rows={stats.data.toolCalls} testId="chart-tool-calls" />
            <ScopeChart title="Most-used tools (calls)" rows={stats.data.topTools} testId="chart-top-tools" />
            <ScopeChart title="Human turns per trajectory" rows={stats.data.humanTurns} testId="chart-human-turns" />
            <ScopeChart
              title="Failed tool calls per trajectory"
              rows={stats.data.failedToolCalls}
              testId="chart-failed"
            />
            <ScopeChart
              title="Review scores (mean per criterion)"
              rows={stats.data.reviewScores}
              testId="chart-scores"
            />
          </div>
        </>
      )}
    </div>
  );
}
