/**
 * Suggest, the statistics and the duplicate scan read the whole approved pool: at most
 * HEAVY_CONCURRENCY run at once in this process, at most HEAVY_QUEUE wait, and beyond that the
 * caller gets 429 at once, so a flood of them cannot starve the board's own queries.
 */
import pLimit from "p-limit";
import { AppError } from "@/lib/errors/app-error";

export const HEAVY_CONCURRENCY = 2;
export const HEAVY_QUEUE = 8;

const limit = pLimit(HEAVY_CONCURRENCY);

export function inHeavyQueue<T>(fn: () => Promise<T>): Promise<T> {
  if (limit.activeCount + limit.pendingCount >= HEAVY_CONCURRENCY + HEAVY_QUEUE)
    return Promise.reject(
      new AppError(
        "RATE_LIMITED",
        "the server is busy with other curation statistics or suggestions: try again in a few seconds",
      ),
    );
  return limit(fn);
}
