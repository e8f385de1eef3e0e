"use client";
/**
 * Re-parse: read the project's kept originals again with the current importer. Shows the job's
 * progress, then what it did: trajectories given a "re-parsed" revision, and edited ones left for
 * a person to decide (each links to its history).
 */
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import type { ReparseReport } from "@/lib/import/reparse/reparse-project";
import { DateTime } from "@/components/ui/date-time";

interface ReparseJob {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  total: number;
  error: string | null;
  finishedAt: string | null;
  report: ReparseReport | null;
}

interface Status {
  originals: number;
  job: ReparseJob | null;
}

const active = (j: ReparseJob | null | undefined) => j?.status === "queued" || j?.status === "running";

export function ReparsePanel({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const status = useQuery({
    queryKey: ["reparse", slug],
    queryFn: () => apiFetch<Status>(`/api/projects/${slug}/reparse`),
    refetchInterval: (q) => (active(q.state.data?.job) ? 1000 : false),
  });
  const start = useMutation({
    mutationFn: () => apiFetch(`/api/projects/${slug}/reparse`, { method: "POST" }),
    onSettled: () => {
      setConfirming(false);
      qc.invalidateQueries({ queryKey: ["reparse", slug] });
    },
  });
  const job = status.data?.job ?? null;
  const originals = status.data?.originals ?? 0;

  return (
    <section aria-labelledby="reparse-h" data-testid="reparse-panel">
      <h2 id="reparse-h" className="mb-1 text-base font-semibold">
        Re-parse imported files
      </h2>
      <p className="mb-3 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        Reads every kept original file again with the current importer. A trajectory nobody has edited gets a new
        revision “re-parsed” that says what changed; edited ones are listed below for you to decide. Revision 1, the
        imported original, never changes.
      </p>
      {status.isPending ? (
        <Spinner label="Loading re-parse status" />
      ) : status.error ? (
        <ErrorBox error={status.error} retry={() => status.refetch()} />
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3">
            <Button
              onClick={() => setConfirming(true)}
              disabled={active(job) || originals === 0 || start.isPending}
              data-testid="reparse-start"
            >
              {active(job) ? "Re-parsing…" : "Re-parse all files"}
            </Button>
            <span className="text-sm text-zinc-600 dark:text-zinc-400">
              {originals === 0
                ? "No kept original files yet: import a file first."
                : `${originals} kept original file${originals === 1 ? "" : "s"}.`}
            </span>
          </div>
          {start.error && (
            <div className="mt-3">
              <ErrorBox error={start.error} />
            </div>
          )}
          {job && <JobState job={job} slug={slug} />}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Re-parse every imported file?"
        confirmLabel="Re-parse"
        busy={start.isPending}
        onConfirm={() => start.mutate()}
        onCancel={() => setConfirming(false)}
        testId="reparse-confirm"
      >
        Unedited trajectories whose parse changed get a new revision. Edited ones are not touched; they are listed for
        you to decide.
      </ConfirmDialog>
    </section>
  );
}

function JobState({ job, slug }: { job: ReparseJob; slug: string }) {
  if (job.status === "failed")
    return (
      <p className="mt-3 text-sm text-red-600 dark:text-red-400" data-testid="reparse-job" data-status="failed">
        Re-parse failed: {job.error}
      </p>
    );
  if (job.status !== "done")
    return (
      <div className="mt-3 max-w-md text-sm" data-testid="reparse-job" data-status={job.status}>
        <div className="mb-1">
          {job.status === "queued" ? "Waiting to start…" : `Re-parsing… ${job.progress} / ${job.total || "?"} files`}
        </div>
        <div
          className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
          role="progressbar"
          aria-label="Re-parse progress"
          aria-valuenow={job.progress}
          aria-valuemax={job.total}
        >
          <div
            className="h-full bg-indigo-600 transition-all"
            style={{ width: `${job.total ? (job.progress / job.total) * 100 : 5}%` }}
          />
        </div>
      </div>
    );
  const r = job.report;
  return (
    <div className="mt-4 space-y-4 text-sm" data-testid="reparse-job" data-status="done">
      <p className="text-zinc-600 dark:text-zinc-400">
        Last re-parse finished {job.finishedAt ? <DateTime value={job.finishedAt} /> : ""}
        {r
          ? `: ${r.files} files, ${r.trajectories} trajectories; ${r.reparsed.length} re-parsed, ${r.unchanged} unchanged, ${r.needsDecision.length} to decide.`
          : "."}
      </p>
      {r && r.needsDecision.length > 0 && (
        <ReportList
          title="Edited since import: decide by hand"
          tone="amber"
          testId="reparse-decide"
          slug={slug}
          items={r.needsDecision}
        />
      )}
      {r && r.reparsed.length > 0 && (
        <ReportList title="Re-parsed" tone="green" testId="reparse-done" slug={slug} items={r.reparsed} />
      )}
      {r && (r.unmatched.length > 0 || r.failed.length > 0) && (
        <div>
          <h3 className="mb-1 font-medium">Not re-parsed</h3>
          <ul className="list-disc space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
            {r.failed.map((f, i) => (
              <li key={`f${i}`}>
                <code className="font-mono">{f.file}</code>: {f.message}
              </li>
            ))}
            {r.unmatched.map((u, i) => (
              <li key={`u${i}`}>
                <code className="font-mono">{u.file}</code>: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ReportList({
  title,
  tone,
  testId,
  slug,
  items,
}: {
  title: string;
  tone: "amber" | "green";
  testId: string;
  slug: string;
  items: { trajectoryId: string; title: string; file: string; summary: string }[];
}) {
  return (
    <div data-testid={testId}>
      <h3 className="mb-1 flex items-center gap-2 font-medium">
        {title} <Badge tone={tone}>{items.length}</Badge>
      </h3>
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {items.map((it) => (
          <li key={it.trajectoryId} className="p-2">
            <Link
              href={`/projects/${slug}/trajectories/${it.trajectoryId}`}
              className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
            >
              {it.title}
            </Link>{" "}
            <span className="text-xs text-zinc-500">({it.file})</span>
            <div className="text-xs break-words text-zinc-600 dark:text-zinc-400">{it.summary}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}
