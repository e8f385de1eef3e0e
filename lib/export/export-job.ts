/**
 * The export as a background job (lib/jobs' engine): reads the Export row and runs the export's
 * work (lib/export/export-work.ts) in a child process with a capped heap (lib/export/export-child.ts)
 * into a directory under the instance's data folder (`<data>/exports/<projectId>/<exportId>/`), then
 * records the files with their size and sha256. The server process only relays progress: it never
 * holds the release, and the export's peak RSS is the child's. Cancelling the job kills the child.
 * Safe to run again from the start (a takeover after a crash): the directory is cleared first.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { parseExportFormat } from "@/lib/export/export-format";
import { runExportChild, type ChildOptions } from "@/lib/export/export-child";
import type { ExportRequestOptions, ExportWorkResult } from "@/lib/export/export-work";
import { defineJob } from "@/lib/jobs/define-job";
import { logInfo } from "@/lib/log";

export const EXPORT_JOB = "export.run";

/** Where an export's files live: one folder per export, under the data folder. */
export function exportDir(projectId: string, exportId: string): string {
  return path.join(env().dataDir, "exports", projectId, exportId);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 4000);

/**
 * Runs one Export row's export into its folder and records the result (or the failure). An abort
 * of `signal` stops the child; a cancel is recorded as the export's error, a lost lease leaves the
 * row to the instance that took the job over.
 */
export async function runExport(
  exportId: string,
  progress: (done: number, total: number) => Promise<void>,
  opts: { signal?: AbortSignal; heapMb?: number } = {},
): Promise<ExportWorkResult> {
  const row = await db().export.findUniqueOrThrow({
    where: { id: exportId },
    include: { project: { select: { slug: true, name: true } } },
  });
  await db().export.update({ where: { id: exportId }, data: { status: "running", error: null } });
  const dir = exportDir(row.projectId, row.id);
  await rm(dir, { recursive: true, force: true });
  let pending: Promise<void> = Promise.resolve();
  try {
    const format = parseExportFormat(row.format);
    const child: ChildOptions = {
      onProgress: (done, total) => {
        pending = pending.then(() => progress(done, total)).catch(() => undefined);
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.heapMb ? { heapMb: opts.heapMb } : {}),
    };
    const result = await runExportChild(
      {
        projectId: row.projectId,
        project: row.project,
        releaseNumber: row.releaseNumber,
        trajectoryIds: row.trajectoryIds,
        format,
        options: row.options as unknown as ExportRequestOptions,
        dir,
      },
      child,
    );
    await pending;
    if (result.usage)
      logInfo(
        `export ${exportId}: ${result.samples} samples as ${format}; its process peaked at ${Math.round(result.usage.peakRssMb)} MB RSS, ${(result.usage.cpuMs / 1000).toFixed(1)} s CPU`,
      );
    await db().export.update({
      where: { id: exportId },
      data: {
        status: "done",
        files: result.files as unknown as Prisma.InputJsonValue,
        size: result.files.reduce((a, f) => a + BigInt(f.bytes), 0n),
        samples: result.samples,
        finishedAt: new Date(),
      },
    });
    return result;
  } catch (e) {
    await pending;
    const lost = opts.signal?.aborted && errorText(opts.signal.reason) !== "cancelled";
    // A lost lease: another instance runs the export again from the start and owns the row and folder.
    if (lost) throw e;
    await rm(dir, { recursive: true, force: true });
    await db().export.update({
      where: { id: exportId },
      data: {
        status: "failed",
        error: opts.signal?.aborted ? "cancelled before it finished; no files were kept" : errorText(e),
        finishedAt: new Date(),
      },
    });
    throw e;
  }
}

export const exportJob = defineJob({
  kind: EXPORT_JOB,
  params: z.object({ exportId: z.string().min(1).max(64) }),
  concurrency: 1,
  run: async (params, ctx) => {
    await runExport(params.exportId, ctx.progress, { signal: ctx.signal });
  },
});
