/**
 * Our view of background jobs, the Job table: what the UI lists (kind, status, progress, error,
 * attempts). pg-boss (lib/jobs/job-engine.ts) owns queueing, leases and retries; the worker writes
 * the outcome here. Cancelling is a status change here, which the running handler sees within a
 * second (lib/jobs/job-worker.ts).
 */
import { AppError } from "@/lib/errors/app-error";
import { db, type Db, type Tx } from "@/lib/db/client";

export const JOB_SELECT = {
  id: true,
  kind: true,
  status: true,
  progress: true,
  total: true,
  error: true,
  attempts: true,
  params: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

/** Queued jobs of this kind that a new one makes pointless (e.g. a recount for an older tokenizer). */
export async function supersedeQueuedJobs(projectId: string, kind: string, tx: Db | Tx = db()): Promise<void> {
  await tx.job.updateMany({
    where: { projectId, kind, status: "queued" },
    data: { status: "failed", error: "superseded by a newer job", finishedAt: new Date() },
  });
}

export async function cancelJob(projectId: string, jobId: string) {
  const { count } = await db().job.updateMany({
    where: { id: jobId, projectId, status: { in: ["queued", "running"] } },
    data: { status: "cancelled", finishedAt: new Date() },
  });
  if (!count) {
    const exists = await db().job.count({ where: { id: jobId, projectId } });
    if (!exists) throw new AppError("NOT_FOUND", `job ${jobId} not found in this project`);
    throw new AppError("CONFLICT", "the job has already finished");
  }
  return db().job.findUniqueOrThrow({ where: { id: jobId }, select: JOB_SELECT });
}

export async function listJobs(projectId: string, kind?: string) {
  return db().job.findMany({
    where: { projectId, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: JOB_SELECT,
  });
}

/**
 * A job run in the calling process (the CLI runs some kinds itself, with a row created already
 * running so no worker takes it): its progress and its end, written to the same Job view.
 */
export async function reportInlineProgress(jobId: string, done: number, total: number): Promise<void> {
  await db().job.updateMany({ where: { id: jobId, status: "running" }, data: { progress: done, total } });
}

export async function finishInlineJob(jobId: string, error?: string): Promise<void> {
  await db().job.updateMany({
    where: { id: jobId, status: "running" },
    data: { status: error ? "failed" : "done", error: error ?? null, finishedAt: new Date() },
  });
}
