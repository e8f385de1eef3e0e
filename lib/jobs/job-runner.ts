/**
 * Runs queued jobs in the server process, one at a time, polling the Job table. Handlers are
 * registered by kind; a failure is recorded on the job with its message.
 */
import { isAppError } from "@/lib/errors/app-error";
import { claimNextJob, finishJob, reportProgress, requeueAbandonedJobs, type ClaimedJob } from "@/lib/jobs/job-queue";
import { RECOUNT_JOB, recountProjectTokens } from "@/lib/tokens/recount-tokens";
import { executeRun, SYNTHESIS_JOB } from "@/lib/queries/synthesis-runs";
import { logError } from "@/lib/log";
import { REPARSE_JOB } from "@/lib/import/reparse/reparse-params";
import { reparseProject } from "@/lib/import/reparse/reparse-project";

type Handler = (job: ClaimedJob, progress: (done: number, total: number) => Promise<void>) => Promise<void>;

const HANDLERS: Record<string, Handler> = {
  [RECOUNT_JOB]: (job, progress) => recountProjectTokens(job.projectId, progress),
  [REPARSE_JOB]: async (job, progress) => {
    await reparseProject(job.params, { progress, jobId: job.id });
  },
  [SYNTHESIS_JOB]: async (job, progress) => {
    const { runId } = job.params as { runId: string };
    await executeRun(job.projectId, runId, {
      onProgress: (s) => void progress(s.done + s.skipped + s.flagged + s.failed, s.total),
    });
  },
};

/** Runs jobs until none is queued; returns how many ran. Tests call it directly. */
export async function runPendingJobs(): Promise<number> {
  let ran = 0;
  for (let job = await claimNextJob(); job; job = await claimNextJob()) {
    ran++;
    const handler = HANDLERS[job.kind];
    if (!handler) {
      await finishJob(job.id, `no handler for job kind "${job.kind}"`);
      continue;
    }
    // Progress writes are throttled: a 100k-trajectory recount should not do 100k updates.
    let last = 0;
    const progress = async (done: number, total: number) => {
      if (done === total || done === 0 || Date.now() - last > 500) {
        last = Date.now();
        await reportProgress(job.id, done, total);
      }
    };
    try {
      await handler(job, progress);
      await finishJob(job.id);
    } catch (e) {
      if (!isAppError(e)) logError(`job ${job.kind} ${job.id} failed`, e);
      await finishJob(job.id, e instanceof Error ? e.message.slice(0, 500) : String(e));
    }
  }
  return ran;
}

export function startJobRunner(intervalMs = 1000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await runPendingJobs();
    } catch (e) {
      logError("job runner failed", e);
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  void requeueAbandonedJobs().then(tick, (e) => logError("could not requeue abandoned jobs", e));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
