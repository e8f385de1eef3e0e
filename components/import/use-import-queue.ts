"use client";
/**
 * The import batch: the queued files, their upload state and results. Files go up one per
 * request, two at a time; each moves queued → uploading → processing → done (imported,
 * duplicate or rejected) or failed (the request itself failed; it can be retried).
 */
import { useEffect, useState } from "react";
import type { ImportFileResult } from "@/lib/import/import-result";
import type { PickedFile } from "@/components/import/picked-files";
import { importUrl, type ImportParams, type UploadOutcome } from "@/components/import/upload-import-file";
import { UploadRunner } from "@/components/import/upload-runner";

export type ItemState = "queued" | "uploading" | "processing" | "done" | "failed";
export type Phase = "selecting" | "running" | "finished";

export interface QueueItem {
  id: string;
  file: File;
  path: string;
  state: ItemState;
  /** Whole percent of the body sent, 0–100. */
  percent: number;
  results: ImportFileResult[];
  error: { code: string; message: string } | null;
}

const CONCURRENCY = 2;
let seq = 0;
const nextId = () => `f${++seq}`;
const sameFile = (a: { file: File; path: string }, b: { file: File; path: string }) =>
  a.path === b.path && a.file.size === b.file.size && a.file.lastModified === b.file.lastModified;

/** A file the server refused as too large is the file's fault: it is shown as rejected, like a parse error. */
function rejectedResult(file: string, message: string): ImportFileResult {
  return {
    file,
    status: "rejected",
    format: null,
    trajectoryId: null,
    trajectoryIds: [],
    steps: 0,
    toolCalls: 0,
    toolResults: 0,
    failedToolResults: 0,
    humanMessages: 0,
    reasoningSteps: 0,
    tokens: 0,
    warnings: [],
    error: { message, line: null },
    waited: null,
  };
}

function settle(item: QueueItem, outcome: UploadOutcome): QueueItem {
  if (outcome.kind === "results")
    return { ...item, state: "done", percent: 100, results: outcome.results, error: null };
  if (outcome.kind === "aborted")
    return { ...item, state: "failed", error: { code: "ABORTED", message: "Cancelled." } };
  if (outcome.status === 413)
    return { ...item, state: "done", results: [rejectedResult(item.path, outcome.message)], error: null };
  return { ...item, state: "failed", error: { code: outcome.code, message: outcome.message } };
}

export function useImportQueue(slug: string) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const [phase, setPhase] = useState<Phase>("selecting");
  const [params, setParams] = useState<ImportParams | null>(null);

  const [runner] = useState(() => {
    const patch = (id: string, fn: (i: QueueItem) => QueueItem) =>
      setItems((prev) => {
        let changed = false;
        const next = prev.map((i) => {
          if (i.id !== id) return i;
          const n = fn(i);
          if (n !== i) changed = true;
          return n;
        });
        return changed ? next : prev;
      });
    return new UploadRunner(CONCURRENCY, {
      started: (id) => patch(id, (i) => ({ ...i, state: "uploading", percent: 0 })),
      progress: (id, f) =>
        patch(id, (i) => {
          const percent = Math.floor(f * 100);
          return i.state === "uploading" && i.percent !== percent ? { ...i, percent } : i;
        }),
      uploaded: (id) => patch(id, (i) => (i.state === "uploading" ? { ...i, state: "processing", percent: 100 } : i)),
      settled: (id, outcome) => patch(id, (i) => settle(i, outcome)),
      idle: () => setPhase("finished"),
    });
  });

  // Leaving the page aborts what is in flight; the browser asks first while uploads run.
  useEffect(() => () => runner.abortAll(), [runner]);
  useEffect(() => {
    if (phase !== "running") return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [phase]);

  const run = (targets: QueueItem[], p: ImportParams) => {
    if (!targets.length) return;
    const ids = new Set(targets.map((t) => t.id));
    setItems((prev) =>
      prev.map((i) => (ids.has(i.id) ? { ...i, state: "queued", percent: 0, results: [], error: null } : i)),
    );
    setPhase("running");
    const url = importUrl(slug, p);
    runner.enqueue(targets.map((t) => ({ id: t.id, file: t.file, path: t.path, url })));
  };

  return {
    items,
    phase,
    params,
    /** Adds files to the batch, leaving out ones already queued. Returns how many were new. */
    add(picked: readonly PickedFile[]): number {
      const fresh: QueueItem[] = [];
      for (const p of picked) {
        if (items.some((i) => sameFile(i, p)) || fresh.some((i) => sameFile(i, p))) continue;
        fresh.push({ id: nextId(), file: p.file, path: p.path, state: "queued", percent: 0, results: [], error: null });
      }
      if (fresh.length) setItems((prev) => [...prev, ...fresh]);
      return fresh.length;
    },
    remove(id: string) {
      setItems((prev) => prev.filter((i) => i.id !== id || i.state !== "queued"));
    },
    clear() {
      if (!runner.busy) setItems([]);
    },
    start(p: ImportParams) {
      setParams(p);
      run(
        items.filter((i) => i.state === "queued"),
        p,
      );
    },
    retry(id: string) {
      const item = items.find((i) => i.id === id && i.state === "failed");
      if (item && params) run([item], params);
    },
    retryFailed() {
      if (params)
        run(
          items.filter((i) => i.state === "failed"),
          params,
        );
    },
    /**
     * Stops the batch after the files in flight: those finish (the server may already be storing
     * them), the rest are marked cancelled and can be retried.
     */
    stop() {
      const dropped = new Set(runner.dropPending());
      setItems((prev) =>
        prev.map((i) =>
          dropped.has(i.id)
            ? { ...i, state: "failed", error: { code: "CANCELLED", message: "Cancelled before upload." } }
            : i,
        ),
      );
      if (!runner.busy) setPhase("finished");
    },
    /** A new batch, keeping nothing of the last one. */
    reset() {
      if (runner.busy) return;
      setItems([]);
      setPhase("selecting");
    },
  };
}
