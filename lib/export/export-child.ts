/**
 * Runs one export's work (lib/export/export-work.ts) in a child process with a capped V8 heap, so
 * the server never holds a release and the export's peak RSS is its own: the child streams the
 * samples from PostgreSQL and writes the files; the parent only relays progress and records the
 * result. The child is a plain file run through tsx (lib/export/export-process.mjs), found from the
 * working directory like the token-counting worker, hidden from the bundler.
 *
 * Outcomes: the child's result; the child's error rethrown here (an AppError keeps its code,
 * message and location); a crash (out of memory, a signal) as an error naming it and the heap cap;
 * an abort of `signal` kills the child. On any failure the child's staging folder and spool file
 * are removed.
 */
import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { AppError, type ErrorCode, type ErrorLocation } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import type { ExportWork, ExportWorkResult } from "@/lib/export/export-work";

export type ChildMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; result: ExportWorkResult }
  | { type: "error"; message: string; code?: ErrorCode; location?: ErrorLocation; stack?: string };

// Resolved at run time and hidden from the bundler (it would try to bundle tsx and esbuild).
const CHILD_FILE = path.join(/* turbopackIgnore: true */ process.cwd(), "lib/export/export-process.mjs");
const STDERR_KEEP = 4096;

export interface ChildOptions {
  /** `--max-old-space-size` of the child, in MiB (default LIMI_EXPORT_HEAP_MB). */
  heapMb?: number;
  onProgress?: (done: number, total: number) => void;
  /** Aborting kills the child; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

function childError(m: Extract<ChildMessage, { type: "error" }>): Error {
  if (m.code) return new AppError(m.code, m.message, m.location ? { location: m.location } : {});
  const e = new Error(m.message);
  if (m.stack) e.stack = m.stack;
  return e;
}

function crashError(code: number | null, signal: NodeJS.Signals | null, stderr: string, heapMb: number): Error {
  if (/out of memory|Reached heap limit/i.test(stderr))
    return new Error(
      `the export ran out of memory: its process's heap is capped at ${heapMb} MB (LIMI_EXPORT_HEAP_MB); a single very large trajectory may need more`,
    );
  const last = stderr.trim().split("\n").filter(Boolean).at(-1);
  return new Error(
    `the export process ${signal ? `was stopped by ${signal}` : `exited with code ${code}`} before finishing${last ? `: ${last.slice(0, 300)}` : ""}`,
  );
}

const abortReason = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? "aborted"));

/** The staging folder and spool file a child of `pid` makes beside `dir`. */
export const childLeftovers = (dir: string, pid: number) => [`${dir}.partial-${pid}`, `${dir}.spool-${pid}`];

export function runExportChild(work: ExportWork, opts: ChildOptions = {}): Promise<ExportWorkResult> {
  const heapMb = opts.heapMb ?? env().LIMI_EXPORT_HEAP_MB;
  const { signal } = opts;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (!existsSync(CHILD_FILE))
    return Promise.reject(new Error(`the export's child process file ${CHILD_FILE} is missing from the installation`));
  const e = env();
  const child = fork(CHILD_FILE, [], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    env: {
      ...process.env,
      ...(e.DATABASE_URL ? { DATABASE_URL: e.DATABASE_URL } : {}),
      LIMI_DATA_DIR: e.dataDir,
    },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
    serialization: "json",
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (d: string) => {
    stderr = (stderr + d).slice(-STDERR_KEEP);
  });
  let result: ExportWorkResult | null = null;
  let failure: Error | null = null;
  child.on("message", (raw) => {
    const m = raw as ChildMessage;
    if (m.type === "progress") opts.onProgress?.(m.done, m.total);
    else if (m.type === "result") result = m.result;
    else failure = childError(m);
  });
  const kill = () => child.kill("SIGTERM");
  signal?.addEventListener("abort", kill, { once: true });

  return new Promise<ExportWorkResult>((resolve, reject) => {
    let startError: Error | null = null;
    child.once("error", (err) => {
      startError = new Error(`the export process could not run: ${err.message}`);
      if (child.pid === undefined) finish(null, null);
    });
    // "close", not "exit": it comes after the IPC channel is drained, so the last message is in.
    child.once("close", (code, sig) => finish(code, sig));
    let finished = false;
    function finish(code: number | null, sig: NodeJS.Signals | null) {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", kill);
      if (code === 0 && result && !signal?.aborted) return resolve(result);
      const err = signal?.aborted
        ? abortReason(signal)
        : (failure ?? startError ?? crashError(code, sig, stderr, heapMb));
      if (!failure && !signal?.aborted && stderr.trim()) logError(`export process failed: ${stderr.trim()}`);
      const leftovers = child.pid !== undefined ? childLeftovers(work.dir, child.pid) : [];
      void Promise.all(leftovers.map((p) => rm(p, { recursive: true, force: true }))).then(
        () => reject(err),
        () => reject(err),
      );
    }
    child.send(work, (err) => {
      if (err && !finished) {
        startError = new Error(`the export process could not be given its work: ${err.message}`);
        kill();
      }
    });
  });
}
