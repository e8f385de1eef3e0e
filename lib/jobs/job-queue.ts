/**
 * Background jobs, kept in the Job table so progress survives restarts and is visible to every
 * instance. A runner claims one queued job at a time with SKIP LOCKED, so several instances never
 * run the same job.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db, type Db, type Tx } from "@/lib/db/client";

export const JOB_SELECT = {
  id: true,
  kind: true,
  status: true,
  progress: true,
  total: true,
  error: true,
  params: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export async function enqueueJob(
  input: {
    projectId: string;
    kind: string;
    params?: Prisma.InputJsonValue;
    createdById?: string | null;
  },
  tx: Db | Tx = db(),
) {
  return tx.job.create({
    data: {
      projectId: input.projectId,
      kind: input.kind,
      params: input.params,
      createdById: input.createdById ?? null,
    },
    select: JOB_SELECT,
  });
}

/** Queued jobs of this kind that a new one makes pointless (e.g. a recount for an older tokenizer). */
export async function supersedeQueuedJobs(projectId: string, kind: string, tx: Db | Tx = db()): Promise<void> {
  await tx.job.updateMany({
    where: { projectId, kind, status: "queued" },
    data: { status: "failed", error: "superseded by a newer job", finishedAt: new Date() },
  });
}

export interface ClaimedJob {
  id: string;
  projectId: string;
  kind: string;
  params: unknown;
}

export async function claimNextJob(): Promise<ClaimedJob | null> {
  const rows = await db().$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'running', "startedAt" = now()
    WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'queued' ORDER BY "createdAt" FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING "id", "projectId", "kind", "params"`;
  return rows[0] ?? null;
}

export async function reportProgress(id: string, progress: number, total: number): Promise<void> {
  await db().job.update({ where: { id }, data: { progress, total }, select: { id: true } });
}

export async function finishJob(id: string, error?: string): Promise<void> {
  await db().job.update({
    where: { id },
    data: { status: error ? "failed" : "done", error: error ?? null, finishedAt: new Date() },
    select: { id: true },
  });
}

/** Jobs left "running" by a process that died are queued again (their work is idempotent). */
export async function requeueAbandonedJobs(): Promise<number> {
  const { count } = await db().job.updateMany({
    where: { status: "running" },
    data: { status: "queued", startedAt: null },
  });
  return count;
}

export async function listJobs(projectId: string, kind?: string) {
  return db().job.findMany({
    where: { projectId, ...(kind ? { kind } : {}) },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: JOB_SELECT,
  });
}
