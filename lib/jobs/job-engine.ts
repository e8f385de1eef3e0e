/**
 * pg-boss, the PostgreSQL job engine under our Job view: it stores the queue (schema `pgboss`),
 * hands each job to one worker (SKIP LOCKED), expires a lease that is not renewed and retries with
 * backoff. One engine per process, kept on globalThis like the Prisma client, so the server and
 * Next's bundled copy of this module (route handlers that enqueue) share it.
 */
import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { isShuttingDown } from "@/lib/server/shutdown-state";

export const BOSS_SCHEMA = "pgboss";

const holder = globalThis as unknown as { __limiBoss?: Promise<PgBoss>; __limiQueues?: Map<string, Promise<void>> };

export function jobEngine(): Promise<PgBoss> {
  if (!holder.__limiBoss) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not resolved yet: call resolveDatabase() at start-up");
    const lease = env().JOB_LEASE_SECONDS;
    const boss = new PgBoss({
      connectionString: url,
      schema: BOSS_SCHEMA,
      max: 3,
      application_name: "limi-jobs",
      schedule: false,
      // Expired leases are found by this sweep (one instance at a time, pg-boss locks it), so a
      // crashed instance's job is taken over within about 1.5 leases.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(lease / 2))),
      // Finished jobs stay in pg-boss a day; our Job view keeps the history the UI shows.
      deleteAfterDays: 1,
    });
    boss.on("error", (e) => {
      if (!isShuttingDown()) logError("job engine error", e);
    });
    holder.__limiBoss = boss.start().catch((e) => {
      holder.__limiBoss = undefined;
      throw e;
    });
  }
  return holder.__limiBoss;
}

export interface QueueSettings {
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
}

/** Creates the kind's queue once per process (idempotent in pg-boss) and applies its settings. */
export function ensureQueue(name: string, settings: QueueSettings): Promise<void> {
  const queues = (holder.__limiQueues ??= new Map());
  let ready = queues.get(name);
  if (!ready) {
    ready = (async () => {
      const boss = await jobEngine();
      const options = {
        name,
        policy: "standard" as const,
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: settings.retryBackoff,
        expireInSeconds: env().JOB_LEASE_SECONDS,
      };
      await boss.createQueue(name, options);
      await boss.updateQueue(name, options);
    })();
    ready.catch(() => queues.delete(name));
    queues.set(name, ready);
  }
  return ready;
}

export async function stopJobEngine(): Promise<void> {
  const boss = holder.__limiBoss;
  holder.__limiBoss = undefined;
  holder.__limiQueues = undefined;
  if (!boss) return;
  const b = await boss.catch(() => null);
  // Not graceful: the worker has already let its jobs go (or they are taken over after the lease).
  await b?.stop({ graceful: false, wait: true, close: true }).catch(() => undefined);
}
