/**
 * Token counting in a worker thread, so that an import tokenizes one trajectory while the main
 * thread parses the next and PostgreSQL stores the one before: tokenizing is the largest single
 * cost of an import (about three times the COPY of the same rows) and it is pure CPU.
 *
 * One worker per spare core (at least one, at most four); requests go to the least busy. The
 * worker is a plain file on disk run through tsx (lib/tokens/count-worker.mjs), found from the
 * working directory: the Next.js server bundle has no source paths of its own. Where it cannot run
 * (no such file, a worker that fails to start), counting happens on the calling thread, with the
 * same tokenizer and the same result; the pool is then not tried again in this process.
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logError } from "@/lib/log";
import { loadTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats, countTexts, statsFromCounts, type TokenStats } from "@/lib/tokens/stats";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

export interface CountRequest {
  id: number;
  spec: string;
  texts: string[];
}
export type CountReply = { id: number; counts: number[] } | { id: number; error: string };

interface Lane {
  worker: Worker;
  pending: Map<number, { resolve(counts: number[]): void; reject(e: Error): void }>;
}

// Resolved at run time and hidden from the bundler, which would otherwise try to bundle the worker
// (and tsx, and esbuild's binary) into the server build.
const WORKER_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/tokens/count-worker.mjs");
const holder = globalThis as unknown as { __limiCountPool?: { lanes: Lane[]; nextId: number } | null };

function startLane(): Lane {
  const lane: Lane = { worker: new Worker(/* turbopackIgnore: true */ WORKER_FILE), pending: new Map() };
  // An idle pool must never keep a finished CLI command or test alive; a busy one must.
  lane.worker.unref();
  lane.worker.on("message", (reply: CountReply) => {
    const p = lane.pending.get(reply.id);
    if (!p) return;
    lane.pending.delete(reply.id);
    if (!lane.pending.size) lane.worker.unref();
    if ("error" in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.counts);
  });
  const fail = (e: Error) => {
    for (const p of lane.pending.values()) p.reject(e);
    lane.pending.clear();
    disablePool(e);
  };
  lane.worker.on("error", fail);
  lane.worker.on("exit", (code) => code !== 0 && fail(new Error(`token-counting worker exited with code ${code}`)));
  return lane;
}

function disablePool(e: Error) {
  if (holder.__limiCountPool === null) return;
  logError("token counting falls back to the main thread", e);
  for (const lane of holder.__limiCountPool?.lanes ?? []) void lane.worker.terminate();
  holder.__limiCountPool = null;
}

function pool() {
  if (holder.__limiCountPool === undefined) {
    if (!existsSync(WORKER_FILE)) {
      holder.__limiCountPool = null;
      return null;
    }
    const size = Math.min(4, Math.max(1, os.availableParallelism() - 1));
    try {
      holder.__limiCountPool = { lanes: Array.from({ length: size }, startLane), nextId: 1 };
    } catch (e) {
      disablePool(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return holder.__limiCountPool ?? null;
}

async function countOffThread(spec: string, texts: string[]): Promise<number[] | null> {
  const p = pool();
  if (!p) return null;
  const lane = p.lanes.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = p.nextId++;
  return new Promise<number[]>((resolve, reject) => {
    if (!lane.pending.size) lane.worker.ref();
    lane.pending.set(id, { resolve, reject });
    lane.worker.postMessage({ id, spec, texts } satisfies CountRequest);
  });
}

/** Where counting happens in this process: "workers" once the pool runs, "main thread" when it cannot. */
export function countingThread(): "workers" | "main thread" | "not started" {
  const p = holder.__limiCountPool;
  return p === undefined ? "not started" : p === null ? "main thread" : "workers";
}

/** The trajectory's token statistics, counted in a worker thread when one can run. */
export async function computeTokenStatsOffThread(
  steps: readonly ParsedStep[],
  tools: readonly ToolDefinition[],
  spec: string,
): Promise<TokenStats> {
  // Resolving the tokenizer here first makes a bad spec fail with its own message, on this thread.
  const tokenizer = await loadTokenizer(spec);
  const texts = countTexts(steps, tools);
  let counts: number[] | null;
  try {
    counts = await countOffThread(spec, [...texts.steps, ...texts.tools]);
  } catch (e) {
    disablePool(e instanceof Error ? e : new Error(String(e)));
    counts = null;
  }
  if (!counts) return computeTokenStats(steps, tools, tokenizer);
  return statsFromCounts(steps, counts.slice(0, texts.steps.length), counts.slice(texts.steps.length), tokenizer.id);
}
