"use client";
/**
 * The review dashboard: counts by state, throughput per reviewer per day, agreement over time,
 * score distributions per criterion, the trajectories waiting longest, and agreement figures.
 */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { reviewApi, type DashboardResponse } from "@/components/review/review-api";
import { DateTime } from "@/components/ui/date-time";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(2));

function throughputRows(d: DashboardResponse) {
  const reviewers = [...new Set(d.throughput.map((t) => t.reviewer))];
  const days = [...new Set(d.throughput.map((t) => t.day))].sort();
  return {
    reviewers,
    rows: days.map((day) => ({
      day: day.slice(5),
      ...Object.fromEntries(
        reviewers.map((r) => [r, d.throughput.find((t) => t.day === day && t.reviewer === r)?.n ?? 0]),
      ),
    })),
  };
}

export function DashboardTab({ slug }: { slug: string }) {
  const q = useQuery({
    queryKey: ["review", slug, "dashboard"],
    queryFn: () => apiFetch<DashboardResponse>(reviewApi(slug).dashboard),
  });
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Spinner label="Loading the dashboard" />;
  const d = q.data;
  const t = throughputRows(d);
  return (
    <div className="space-y-4" data-testid="review-dashboard">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {d.states.map((s) => (
          <div
            key={s.state}
            className="rounded-lg border border-zinc-200 p-2 dark:border-zinc-800"
            data-testid={`count-${s.state}`}
          >
            <dt className="text-xs text-zinc-500">{s.state.replace("_", " ")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{s.n.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-4 lg:grid-cols-2">
        <BarChart
          title="Reviews per reviewer per day (30 days)"
          data={t.rows}
          x="day"
          series={t.reviewers.map((r) => ({ key: r, label: r }))}
          stacked
          emptyText="No reviews in the last 30 days"
          testId="chart-throughput"
        />
        <LineChart
          title="Agreement over time (Krippendorff's α on verdicts, weekly)"
          data={d.agreementOverTime.map((w) => ({ week: w.week.slice(5), alpha: w.alpha }))}
          x="week"
          series={[{ key: "alpha", label: "α" }]}
          domain={[-1, 1]}
          emptyText="Agreement needs revisions with two reviews or more"
          testId="chart-agreement"
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {d.distributions.map((c) => (
          <BarChart
            key={c.key}
            title={`${c.label}: scores`}
            data={c.counts.map((x) => ({ score: String(x.score), n: x.n }))}
            x="score"
            series={[{ key: "n", label: "reviews" }]}
            testId={`chart-scores-${c.key}`}
          />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <h3 className="mb-2 font-medium">Agreement (latest 20,000 reviews)</h3>
          <table className="w-full" data-testid="agreement-table">
            <tbody>
              <tr>
                <td className="text-zinc-500">verdicts: Krippendorff&apos;s α (nominal) · Fleiss&apos; κ</td>
                <td className="tabular-nums">
                  {pct(d.agreement.verdictAlpha)} · {pct(d.agreement.verdictFleiss)}
                </td>
              </tr>
              {d.agreement.criteria.map((c) => (
                <tr key={c.key}>
                  <td className="text-zinc-500">{c.label}: α ordinal · interval</td>
                  <td className="tabular-nums">
                    {pct(c.ordinal)} · {pct(c.interval)}
                  </td>
                </tr>
              ))}
              <tr>
                <td className="text-zinc-500">first error step: exact · within ±2</td>
                <td className="tabular-nums">
                  {pct(d.agreement.firstError.exact)} · {pct(d.agreement.firstError.withinK)}
                </td>
              </tr>
              <tr>
                <td className="text-zinc-500">revisions with ≥ 2 reviews</td>
                <td className="tabular-nums">{d.agreement.units}</td>
              </tr>
            </tbody>
          </table>
          {d.pairs.length > 0 && (
            <>
              <h4 className="mt-3 mb-1 font-medium">Reviewer pairs (Cohen&apos;s κ on verdicts)</h4>
              <ul>
                {d.pairs.map((p) => (
                  <li key={`${p.a}-${p.b}`} className="flex justify-between">
                    <span>
                      {p.a} × {p.b} <span className="text-zinc-500">({p.shared} shared)</span>
                    </span>
                    <span className="tabular-nums">{pct(p.kappa)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <h3 className="mb-2 font-medium">Waiting longest</h3>
          {d.waiting.length === 0 ? (
            <p className="text-zinc-500">Nothing is waiting.</p>
          ) : (
            <ol className="space-y-1" data-testid="waiting-longest">
              {d.waiting.map((w) => (
                <li key={w.trajectoryId} className="flex justify-between gap-2">
                  <Link className="truncate hover:underline" href={`/projects/${slug}/trajectories/${w.trajectoryId}`}>
                    {w.title}
                  </Link>
                  <span className="shrink-0 text-zinc-500">
                    {w.queue} · since <DateTime value={w.enqueuedAt} dayOnly />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}
