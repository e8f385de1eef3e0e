/**
 * scrypt runs on libuv's thread pool (4 threads by default), which file reads, zlib and DNS share.
 * A sign-in flood once filled it, and downloads waited seconds. So at most HASH_CONCURRENCY hashes
 * run at once (the rest of the pool stays free for I/O), at most HASH_QUEUE wait, and beyond that
 * the caller is refused with 429 at once instead of queueing without bound.
 */
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import { AppError } from "@/lib/errors/app-error";

/**
 * One core is always left to the event loop: on a 2-core machine two hashes at once starved it
 * (health p99 848 ms during a sign-in flood in bench/abuse.ts), so one runs per spare core, at most 2.
 */
export const HASH_CONCURRENCY = Math.max(1, Math.min(2, availableParallelism() - 1));
export const HASH_QUEUE = 16;

const limit = pLimit(HASH_CONCURRENCY);

/** p-limit starts a job a microtask after it is queued, so running and waiting are counted together. */
export function hashQueueFull(): boolean {
  return limit.activeCount + limit.pendingCount >= HASH_CONCURRENCY + HASH_QUEUE;
}

export function hashQueueLength(): { active: number; pending: number } {
  return { active: limit.activeCount, pending: limit.pendingCount };
}

/** Runs one password hash in the bounded queue; RATE_LIMITED when the queue is full. */
export function inHashQueue<T>(fn: () => Promise<T>): Promise<T> {
  if (hashQueueFull())
    return Promise.reject(
      new AppError("RATE_LIMITED", "the server is busy checking other passwords: try again in a few seconds"),
    );
  return limit(fn);
}
