"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/http/client-fetch";
import { formatTally, runView } from "@/components/queries/synthesis/run-progress";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import { RunProgressBar } from "@/components/queries/synthesis/run-progress-bar";
import { RunStatusBadge } from "@/components/queries/synthesis/run-status-badge";
import type { RunDetailResponse } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";

const fmt = new Intl.NumberFormat("en");
const FLAG_KINDS: Record<string, string> = { invalid_output: "invalid output", provider_error: "provider error" };

function Count({ label, value, testId, tone = "" }: { label: string; value: number; testId: string; tone?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase text-zinc-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone}`} data-testid={testId}>
        {fmt.format(value)}
      </dd>
    </div>
  );
}

/** A synthesis run as it goes: progress polled every second, the tally, cancel and resume, the flagged PRs. */
export function RunDetail({ slug, runId, canDecide }: { slug: string; runId: string; canDecide: boolean }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: queryKeys.run(slug, runId),
    queryFn: () => apiFetch<RunDetailResponse>(`/api/projects/${slug}/synthesis/runs/${runId}`),
    refetchInterval: (query) =>
      query.state.data && runView(query.state.data.run, query.state.data.executing).active ? 1000 : false,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: queryKeys.run(slug, runId) });
    void qc.invalidateQueries({ queryKey: queryKeys.runs(slug) });
  };
  const cancel = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${slug}/synthesis/runs/${runId}/cancel`, { method: "POST" }),
    onSuccess: refresh,
  });
  const resume = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${slug}/synthesis/runs/${runId}/resume`, { method: "POST" }),
    onSuccess: refresh,
  });

  if (q.isPending) return <Spinner />;
  if (q.error || !q.data) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const { run, flags, executing } = q.data;
  const v = runView(run, executing);
  const reviewHref = `/projects/${slug}/queries?${new URLSearchParams({ source: "pr_synthesized", status: "candidate" }).toString()}`;

  return (
    <div className="space-y-5" data-testid="run-detail" data-status={run.status} data-executing={executing}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <RunStatusBadge status={run.status} />
          {v.stopping && (
            <span className="text-xs text-zinc-500" data-testid="run-stopping">
              finishing the calls in flight…
            </span>
          )}
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            {run.model} · {run.concurrency} in flight{run.domain ? ` · ${run.domain}` : ""} ·{" "}
            <Link
              href={`/projects/${slug}/queries/prs/${run.importId}`}
              className="text-indigo-700 hover:underline dark:text-indigo-300"
            >
              the import
            </Link>
          </span>
        </div>
        <div className="flex gap-2">
          {canDecide && v.canCancel && (
            <Button
              variant="secondary"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
              data-testid="cancel-run"
            >
              {cancel.isPending ? "Cancelling…" : "Cancel"}
            </Button>
          )}
          {canDecide && v.canResume && (
            <Button
              variant="secondary"
              onClick={() => resume.mutate()}
              disabled={resume.isPending}
              data-testid="resume-run"
              title="Runs the PRs without a query again: the rest of a stopped run, and flagged or failed ones"
            >
              {resume.isPending ? "Resuming…" : run.status === "done" ? "Retry flagged" : "Resume"}
            </Button>
          )}
          {v.candidates > 0 && (
            <LinkButton href={reviewHref} data-testid="review-candidates">
              Review candidates
            </LinkButton>
          )}
        </div>
      </div>
      {(cancel.error || resume.error) && <ErrorBox error={cancel.error ?? resume.error} />}
      {run.error && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
          data-testid="run-error"
        >
          The run stopped: {run.error}
        </div>
      )}
      <div
        className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
        aria-live="polite"
      >
        <RunProgressBar view={v} total={run.total} label="Run progress" />
        <dl className="flex flex-wrap gap-x-8 gap-y-2">
          <Count
            label="New candidates"
            value={run.done}
            testId="run-done"
            tone="text-emerald-700 dark:text-emerald-400"
          />
          <Count label="Already done" value={run.skipped} testId="run-skipped" />
          <Count
            label="Flagged (invalid output)"
            value={run.flagged}
            testId="run-flagged"
            tone={run.flagged ? "text-amber-700 dark:text-amber-300" : ""}
          />
          <Count
            label="Failed (provider)"
            value={run.failed}
            testId="run-failed"
            tone={run.failed ? "text-red-700 dark:text-red-300" : ""}
          />
        </dl>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="run-tally">
          {formatTally(run)}
        </p>
        <p className="text-xs text-zinc-500">
          Started {run.startedAt ? <DateTime value={run.startedAt} /> : "—"}
          {run.finishedAt && (
            <>
              {" · stopped "}
              <DateTime value={run.finishedAt} />
            </>
          )}
          . Flagged and failed PRs get no query; resuming tries them again.
        </p>
      </div>
      <section aria-labelledby="flags-h" className="space-y-2">
        <h2 id="flags-h" className="text-base font-semibold">
          Flagged outputs ({flags.length})
        </h2>
        {flags.length === 0 ? (
          <p className="text-sm text-zinc-500">None: every reply so far was a usable task.</p>
        ) : (
          <ul className="space-y-2" data-testid="run-flags">
            {flags.map((f) => (
              <li
                key={f.prKey}
                className="rounded-md border border-amber-200 bg-amber-50/60 p-3 text-sm dark:border-amber-900 dark:bg-amber-950/30"
                data-testid="run-flag"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{f.prKey}</code>
                  <span className="text-xs font-medium uppercase text-amber-800 dark:text-amber-300">
                    {FLAG_KINDS[f.kind] ?? f.kind}
                  </span>
                </div>
                <p className="mt-1 break-words">{f.reason}</p>
                {f.rawOutput && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-zinc-600 dark:text-zinc-400">
                      The model&apos;s last reply
                    </summary>
                    <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-white p-2 font-mono text-xs dark:bg-zinc-950">
                      {f.rawOutput}
                    </pre>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
