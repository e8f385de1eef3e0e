/**
 * How a domain declares a background job: a kind name, a zod schema for its parameters, how many
 * may run at once on an instance, whether failures are retried, and the handler. The domain module
 * calls `defineJob` (lib/jobs imports no domain); the server imports the domain modules that define
 * jobs (lib/server/job-kinds.ts) before it starts the worker.
 *
 *   export const recountJob = defineJob({
 *     kind: "tokens.recount",
 *     params: z.object({ tokenizer: z.string() }),
 *     run: (params, ctx) => recountProjectTokens(ctx.projectId, ctx.progress),
 *   });
 *   await recountJob.enqueue({ projectId, params: { tokenizer }, createdById });
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ZodType } from "zod";
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { zodToAppError } from "@/lib/http/respond";
import { ensureQueue, jobEngine } from "@/lib/jobs/job-engine";
import { JOB_SELECT } from "@/lib/jobs/job-queue";

export interface JobContext {
  /** Our Job row (the UI's view of the job). */
  jobId: string;
  projectId: string;
  /** 1 on the first execution; a retry or a takeover after a crash counts up. */
  attempt: number;
  /** Aborted when the job is cancelled or its lease was lost: stop soon, writing nothing more. */
  signal: AbortSignal;
  /** Throttled progress for the Job view. */
  progress(done: number, total: number): Promise<void>;
}

export interface JobKindSpec<P> {
  kind: string;
  params: ZodType<P>;
  /** Jobs of this kind running at once on one instance (default 1). */
  concurrency?: number;
  /** Failures retried with exponential backoff; without it a failure is final. */
  retries?: { limit: number; delaySeconds: number };
  /** Must be safe to run again from the start: a takeover after a crash re-runs it. */
  run(params: P, ctx: JobContext): Promise<void>;
}

export interface JobKind<P> extends JobKindSpec<P> {
  enqueue(input: { projectId: string; params: P; createdById?: string | null }): Promise<JobView>;
}

export type JobView = Awaited<ReturnType<typeof readJob>>;

/** A crashed instance's job is taken over by a pg-boss retry, so every kind keeps a few for that. */
export const TAKEOVERS = 2;

const registry = ((globalThis as unknown as { __limiJobKinds?: Map<string, JobKind<unknown>> }).__limiJobKinds ??=
  new Map());

export function defineJob<P>(spec: JobKindSpec<P>): JobKind<P> {
  const kind: JobKind<P> = {
    ...spec,
    async enqueue({ projectId, params, createdById }) {
      const parsed = spec.params.safeParse(params);
      if (!parsed.success) throw zodToAppError(parsed.error, "body");
      await ensureQueue(spec.kind, queueSettings(spec));
      const boss = await jobEngine();
      const id = randomUUID();
      // The view row and pg-boss's job are written in one transaction: both or neither.
      await withPgTransaction(async (client) => {
        await client.query(
          `INSERT INTO "Job" ("id", "projectId", "kind", "params", "createdById") VALUES ($1, $2, $3, $4, $5)`,
          [id, projectId, spec.kind, JSON.stringify(parsed.data ?? null), createdById ?? null],
        );
        await boss.send(spec.kind, { jobId: id }, { db: clientDb(client) });
      });
      return readJob(id);
    },
  };
  registry.set(spec.kind, kind as JobKind<unknown>);
  return kind;
}

export function registeredJobKinds(): JobKind<unknown>[] {
  return [...registry.values()];
}

export function queueSettings(spec: Pick<JobKindSpec<unknown>, "retries">) {
  return {
    retryLimit: (spec.retries?.limit ?? 0) + TAKEOVERS,
    retryDelaySeconds: spec.retries?.delaySeconds ?? 0,
    retryBackoff: !!spec.retries,
  };
}

function clientDb(client: pg.PoolClient) {
  return { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
}

function readJob(id: string) {
  return db().job.findUniqueOrThrow({ where: { id }, select: JOB_SELECT });
}
