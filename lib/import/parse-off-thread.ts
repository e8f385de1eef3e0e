/**
 * Large files and archives are parsed in a worker thread of their own rather than on the server's
 * thread. A whole JSON document costs several times its size while it is parsed (the text, the
 * JSON tree, the canonical model, the texts to count); on the main thread that grew the server's
 * heap by hundreds of MB for each at-limit upload, and V8 kept the heap it had grown (the server
 * idled at about 1 GB after importing one 60 MB trajectory). In a worker the parse (and the token
 * count, done there too so the texts are not copied again) allocates in the worker's heap, which
 * is freed whole when the worker exits at the end of the file; the importing thread receives one
 * trajectory and its statistics at a time, which it stores before asking for the next when it is
 * large. Inflating an archive and parsing its members also stay off the event loop.
 *
 * What bounds a parse is the input limits (document, JSONL line, archive), not a heap cap:
 * `resourceLimits` ends a worker gracefully only between JavaScript calls, and a cap reached
 * inside one `JSON.parse` of a large document aborted the whole process (measured). Where the
 * worker file cannot be found (a bundle without sources, the CLI run from elsewhere) or the
 * worker cannot start, the caller parses on its own thread as before.
 */
import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorLocation } from "@/lib/errors/app-error";
import type { ArchiveLimits } from "@/lib/formats/types";
import type { TokenStats } from "@/lib/tokens/stats";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

/** Files from this size on, and every zip archive, are parsed off the main thread. */
export const PARSE_OFF_THREAD_BYTES = 8 * 1024 * 1024;

export interface ParseJob {
  path: string;
  filename: string;
  size: number;
  format: string;
  maxDocumentBytes: number;
  archive?: ArchiveLimits;
  tokenizerId: string;
}

export type WorkerError =
  | { app: true; code: ErrorCode; message: string; location?: ErrorLocation; details?: unknown }
  | { app: false; message: string; stack?: string };

export type WorkerReply =
  | { type: "ready" }
  | { type: "progress"; bytes: number }
  | { type: "warn"; message: string }
  | { type: "trajectory"; parsed: ParsedTrajectory; stats: TokenStats }
  | { type: "done" }
  | { type: "error"; error: WorkerError };

export interface ParsedWithStats {
  parsed: ParsedTrajectory;
  stats: TokenStats;
}

export interface OffThreadParse {
  items: AsyncIterable<ParsedWithStats>;
  /** Stops the worker (also when the items were never iterated); the iteration's end calls it too. */
  close(): Promise<void>;
}

export interface ParseHooks {
  warn(message: string): void;
  onProgress?: (bytesRead: number, size: number) => void;
}

// Found from the working directory and hidden from the server bundler, as the counting worker.
const WORKER_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/import/parse-worker.mjs");

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function isZip(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.equals(ZIP_MAGIC);
  } finally {
    await fh.close();
  }
}

/** Whether this file is parsed in a worker: large, or an archive (it may inflate far past its size). */
export async function parsesOffThread(file: string, size: number): Promise<boolean> {
  if (!existsSync(WORKER_FILE)) return false;
  return size >= PARSE_OFF_THREAD_BYTES || (await isZip(file));
}

/** The worker itself failed (it could not start, or died), as opposed to a parse error of the file. */
export class ParseWorkerFailed extends Error {}

function fromWorker(e: WorkerError): Error {
  if (e.app) return new AppError(e.code, e.message, { location: e.location, details: e.details });
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * Starts the worker and waits until it has detected the format (so a wrong format fails here, as
 * `parseFile` does); then yields each trajectory with its token statistics. The worker parses
 * the next trajectory only when asked, and is stopped when the iteration ends, however it ends.
 */
export async function parseOffThread(job: ParseJob, hooks: ParseHooks): Promise<OffThreadParse> {
  const worker = new Worker(/* turbopackIgnore: true */ WORKER_FILE, { workerData: job });
  const replies: Array<WorkerReply | Error> = [];
  let wake: (() => void) | null = null;
  const push = (m: WorkerReply | Error) => {
    replies.push(m);
    wake?.();
  };
  let ended = false;
  worker.on("message", (m: WorkerReply) => {
    if (m.type === "warn") hooks.warn(m.message);
    else if (m.type === "progress") hooks.onProgress?.(m.bytes, job.size);
    else push(m);
  });
  worker.on("error", (e: Error) =>
    push(new ParseWorkerFailed(`the parsing worker of ${job.filename} failed: ${e.message}`, { cause: e })),
  );
  worker.on("exit", (code) => {
    if (!ended) push(new ParseWorkerFailed(`the parsing worker of ${job.filename} stopped (exit code ${code})`));
  });
  const reply = async (): Promise<Exclude<WorkerReply, { type: "warn" | "progress" }>> => {
    while (!replies.length) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const m = replies.shift()!;
    if (m instanceof Error) throw m;
    if (m.type === "error") throw fromWorker(m.error);
    return m as Exclude<WorkerReply, { type: "warn" | "progress" }>;
  };
  const stop = async () => {
    if (ended) return;
    ended = true;
    await worker.terminate();
  };

  try {
    await reply(); // "ready"
  } catch (e) {
    await stop();
    throw e;
  }
  const items = async function* () {
    try {
      for (;;) {
        worker.postMessage({ type: "next" });
        const m = await reply();
        if (m.type === "done") return;
        if (m.type === "trajectory") yield { parsed: m.parsed, stats: m.stats };
      }
    } finally {
      await stop();
    }
  };
  return { items: items(), close: stop };
}
