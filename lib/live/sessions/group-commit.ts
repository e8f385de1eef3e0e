/**
 * Group commit for live appends: the appends waiting while a transaction is in flight go together
 * into the next one, so they share its COMMIT. Why: every append queues NOTIFYs, and PostgreSQL
 * serialises the commits of notifying transactions (a database-wide lock held until the commit
 * record is flushed), so each paid its own WAL flush in series: 3-4 ms on this project's 2-core
 * machine (pg_test_fsync), which at 200 appends a second kept commits queued behind each other.
 *
 * A batch is one transaction (append-steps.ts: one statement locks its sessions in id order, one
 * writes every row, counter and NOTIFY), so its cost hardly grows with its size. A job refused by
 * its checks (which come before any write) fails alone. Any other error (a statement failed, the
 * commit failed) aborted the whole transaction: each job of the batch then runs again in a
 * transaction of its own, so only the one at fault fails; appends are idempotent by seq, so
 * running one again stores nothing twice. Results are handed out only after COMMIT: acknowledged
 * means stored. Batches form by themselves: a job waits only while MAX_IN_FLIGHT transactions are
 * already running.
 */
import type pg from "pg";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { traceValue } from "@/lib/live/live-trace";

/** Transactions of batches in flight per process (the pg pool holds 4 connections). */
const MAX_IN_FLIGHT = 2;
/** Jobs in one batch at most, so one transaction never holds many session locks for long. */
const MAX_BATCH = 50;

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Pending<J, R> {
  job: J;
  resolve(r: R): void;
  reject(e: unknown): void;
}

/**
 * `together(client, jobs)` runs several jobs on one transaction and says how each ended; a job
 * that failed must have written nothing (its checks come before the batch's writes). `alone`
 * runs one job in a transaction of its own (also when a batch has only one).
 */
export function groupCommit<J, R>(
  together: (client: pg.PoolClient, jobs: J[]) => Promise<Array<Outcome<R>>>,
  alone: (client: pg.PoolClient, job: J) => Promise<R>,
): (job: J) => Promise<R> {
  const queue: Array<Pending<J, R>> = [];
  let inFlight = 0;

  const runAlone = (p: Pending<J, R>) => withPgTransaction((client) => alone(client, p.job)).then(p.resolve, p.reject);

  async function runBatch(batch: Array<Pending<J, R>>): Promise<void> {
    traceValue("group commit: appends per transaction", batch.length);
    if (batch.length === 1) return runAlone(batch[0]);
    let outcomes: Array<Outcome<R>>;
    try {
      outcomes = await withPgTransaction((client) =>
        together(
          client,
          batch.map((p) => p.job),
        ),
      );
    } catch {
      // The transaction is gone (a statement or the commit failed): each job again on its own.
      for (const p of batch) await runAlone(p);
      return;
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }

  function pump(): void {
    while (inFlight < MAX_IN_FLIGHT && queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return (job) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      pump();
    });
}
