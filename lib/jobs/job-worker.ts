/**
 * Runs the registered job kinds on this instance: pg-boss hands a job to one worker; the worker
 * marks our Job row running, checks the parameters against the kind's schema, renews the lease
 * from the moment it is fetched while the handler runs (pg-boss 10 has no heartbeat of its own: an active job whose lease ran
 * out is failed by its maintenance and retried, i.e. taken over by another instance), watches for
 * a cancel, and records the outcome. Nothing is re-queued at start-up: a job another instance runs
 * keeps its renewed lease, so a restart of this one cannot run it twice.
 */
import type PgBoss from "pg-boss";
import { isAppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { pgPool } from "@/lib/db/pg-pool";
import { logError } from "@/lib/log";
import { BOSS_SCHEMA, ensureQueue, jobEngine } from "@/lib/jobs/job-engine";
import { queueSettings, registeredJobKinds, type JobKind } from "@/lib/jobs/define-job";

interface BossJob {
  id: string;
  name: string;
  data: unknown;
}

type Outcome = "done" | "failed" | "cancelled" | "retry" | "skipped" | "lost";

/**
 * Starts `concurrency` loops per registered kind; returns a stop that waits for the loops to end
 * their current job. pg-boss's own `work()` is not used: in pg-boss 10 it fails a handler that runs
 * longer than the job's expiration, which a renewed lease must be able to outlive; so the loops
 * fetch, run and complete through pg-boss's fetch/complete/fail.
 */
export async function startJobWorker(pollMs = 1000): Promise<() => Promise<void>> {
  const boss = await jobEngine();
  let stopped = false;
  let wake: () => void = () => {};
  const loops: Promise<void>[] = [];
  for (const kind of registeredJobKinds()) {
    await ensureQueue(kind.kind, queueSettings(kind));
    for (let i = 0; i < (kind.concurrency ?? 1); i++)
      loops.push(
        (async () => {
          while (!stopped) {
            const ran = await runOne(boss, kind).catch((e) => {
              if (!stopped) logError(`job worker for ${kind.kind} failed`, e);
              return false;
            });
            if (!ran && !stopped) await new Promise<void>((r) => ((wake = r), setTimeout(r, pollMs)));
          }
        })(),
      );
  }
  return async () => {
    stopped = true;
    wake();
    await Promise.all(loops);
  };
}

/** Fetches one job of the kind and runs it to its end; false when none was ready. */
async function runOne(boss: PgBoss, kind: JobKind<unknown>): Promise<boolean> {
  const [job] = await boss.fetch<unknown>(kind.kind);
  if (!job) return false;
  try {
    await executeJob(kind, job);
    await boss.complete(kind.kind, job.id);
  } catch (e) {
    await boss.fail(kind.kind, job.id, { message: e instanceof Error ? e.message : String(e) });
  }
  return true;
}

/**
 * Tests: runs every job that is ready, in this process, through the same path as the worker.
 * Returns how many ran.
 */
export async function runPendingJobs(): Promise<number> {
  const boss = await jobEngine();
  let ran = 0;
  for (;;) {
    let found = false;
    for (const kind of registeredJobKinds()) {
      await ensureQueue(kind.kind, queueSettings(kind));
      if (await runOne(boss, kind)) {
        found = true;
        ran++;
      }
    }
    if (!found) return ran;
  }
}

/** Returns normally when pg-boss should consider the job finished; throws to have it retried. */
export async function executeJob(kind: JobKind<unknown>, job: BossJob): Promise<Outcome> {
  const rawId = (job.data as { jobId?: unknown } | null)?.jobId;
  if (typeof rawId !== "string") {
    logError(`job ${kind.kind} ${job.id} has no Job row id; dropped`);
    return "skipped";
  }
  const jobId: string = rawId;
  const controller = new AbortController();
  let cancelled = false;
  const lease = env().JOB_LEASE_SECONDS;
  const renewEvery = Math.max(1, Math.floor(lease / 4));
  let ticks = 0;
  const watch = setInterval(() => {
    ticks++;
    void (async () => {
      const status = await pgPool().query<{ status: string }>(`SELECT "status" FROM "Job" WHERE "id" = $1`, [jobId]);
      if (status.rows[0]?.status === "cancelled") {
        cancelled = true;
        controller.abort(new Error("cancelled"));
      }
      // Renew the lease every quarter of it: its end moves to now + lease.
      if (ticks % renewEvery === 0) {
        const renewed = await pgPool().query(
          `UPDATE ${BOSS_SCHEMA}.job SET "expire_in" = (now() - "started_on") + make_interval(secs => $3)
           WHERE "name" = $1 AND "id" = $2 AND "state" = 'active'`,
          [kind.kind, job.id, lease],
        );
        if (!renewed.rowCount) {
          logError(`job ${kind.kind} ${jobId}: its lease was lost; stopping this execution`);
          controller.abort(new Error("the job's lease was lost"));
        }
      }
    })().catch((e) => logError(`job ${kind.kind} ${jobId}: watch failed`, e));
  }, 1000);
  try {
    return await runClaimed();
  } finally {
    clearInterval(watch);
  }

  async function runClaimed(): Promise<Outcome> {
    const claimed = await pgPool().query<{ projectId: string; params: unknown; attempts: number }>(
      `UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1, "startedAt" = now(), "error" = NULL
     WHERE "id" = $1 AND "status" IN ('queued', 'running') RETURNING "projectId", "params", "attempts"`,
      [jobId],
    );
    const row = claimed.rows[0];
    // Cancelled, superseded or already finished: nothing to do.
    if (!row) return "skipped";

    const parsed = kind.params.safeParse(row.params);
    if (!parsed.success) {
      const what = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "params"}: ${i.message}`);
      await finish(jobId, "failed", `bad parameters for job "${kind.kind}": ${what.join("; ")}`);
      return "failed";
    }

    let last = 0;
    const progress = async (done: number, total: number) => {
      // Throttled: a 100k-trajectory recount should not do 100k updates.
      if (done === total || done === 0 || Date.now() - last > 500) {
        last = Date.now();
        await pgPool().query(
          `UPDATE "Job" SET "progress" = $2, "total" = $3 WHERE "id" = $1 AND "status" = 'running'`,
          [jobId, done, total],
        );
      }
    };
    try {
      await kind.run(parsed.data, {
        jobId,
        projectId: row.projectId,
        attempt: row.attempts,
        signal: controller.signal,
        progress,
      });
      // Lost lease (renewals failed for a whole lease): another instance owns the job now and writes
      // its outcome; pg-boss's completion of this execution is then a no-op for it.
      if (controller.signal.aborted && !cancelled) return "lost";
      await finish(jobId, cancelled ? "cancelled" : "done");
      return cancelled ? "cancelled" : "done";
    } catch (e) {
      if (cancelled) {
        await finish(jobId, "cancelled");
        return "cancelled";
      }
      if (controller.signal.aborted) return "lost";
      const message = e instanceof Error ? e.message.slice(0, 500) : String(e);
      if (!isAppError(e)) logError(`job ${kind.kind} ${jobId} failed (attempt ${row.attempts})`, e);
      // AppErrors are the job's own verdict (bad input, not found): retrying cannot change them.
      if (kind.retries && !isAppError(e) && row.attempts <= kind.retries.limit) {
        await pgPool().query(
          `UPDATE "Job" SET "status" = 'queued', "error" = $2 WHERE "id" = $1 AND "status" = 'running'`,
          [jobId, `attempt ${row.attempts} failed, retrying: ${message}`],
        );
        throw e;
      }
      await finish(jobId, "failed", message);
      return "failed";
    }
  }
}

async function finish(jobId: string, status: "done" | "failed" | "cancelled", error?: string): Promise<void> {
  await pgPool().query(
    `UPDATE "Job" SET "status" = $2::"JobStatus", "error" = $3, "finishedAt" = now()
     WHERE "id" = $1 AND ("status" = 'running' OR ("status" = 'cancelled' AND $2::"JobStatus" = 'cancelled'))`,
    [jobId, status, error ?? null],
  );
}
