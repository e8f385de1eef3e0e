/**
 * Inside a parsing worker (lib/import/parse-off-thread.ts): detects and parses one file, and
 * counts each trajectory's tokens, one trajectory per `next` request of the importing thread.
 * Everything the parse allocates (the document's text, its JSON tree, inflated archive members)
 * lives in this thread's heap, which is capped and goes away with the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isAppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats/detect";
import { fileInput } from "@/lib/import/file-input";
import { loadTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats } from "@/lib/tokens/stats";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import type { ParseJob, WorkerError, WorkerReply } from "@/lib/import/parse-off-thread";

const job = workerData as ParseJob;
const post = (m: WorkerReply) => parentPort?.postMessage(m);

function toWorkerError(e: unknown): WorkerError {
  if (isAppError(e)) return { app: true, code: e.code, message: e.message, location: e.location, details: e.details };
  return { app: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : "" };
}

const input = () =>
  fileInput({ path: job.path, name: job.filename, size: job.size }, (bytes) => post({ type: "progress", bytes }), {
    warn: (message) => post({ type: "warn", message }),
    maxLineBytes: job.maxDocumentBytes,
  });

let trajectories: AsyncIterator<ParsedTrajectory> | null = null;

async function start(): Promise<void> {
  try {
    const parsed = await parseFile(input(), {
      format: job.format,
      maxDocumentBytes: job.maxDocumentBytes,
      archive: job.archive,
    });
    trajectories = parsed[Symbol.asyncIterator]();
    post({ type: "ready" });
  } catch (e) {
    post({ type: "error", error: toWorkerError(e) });
  }
}

async function next(): Promise<void> {
  try {
    const r = await trajectories!.next();
    if (r.done) return post({ type: "done" });
    const tokenizer = await loadTokenizer(job.tokenizerId);
    const stats = computeTokenStats(r.value.steps, r.value.tools, tokenizer);
    post({ type: "trajectory", parsed: r.value, stats });
  } catch (e) {
    post({ type: "error", error: toWorkerError(e) });
  }
}

parentPort?.on("message", (m: { type: "next" }) => {
  if (m.type === "next") void next();
});
void start();
