/**
 * The export as a background job (lib/jobs' engine): reads the Export row, opens its source (a
 * release's pinned revisions, or an ad-hoc set's approved ones), runs the export core into a
 * directory under the instance's data folder (`<data>/exports/<projectId>/<exportId>/`) and
 * records the files with their size and sha256. Progress is reported per sample of each pass.
 * Safe to run again from the start (a takeover after a crash): the directory is cleared first.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { exportSamples, parseExportFormat } from "@/lib/export/export-samples";
import { idsSource, releaseSource, type OpenedSource } from "@/lib/export/release-source";
import { DirectorySink } from "@/lib/export/sinks/directory-sink";
import type { ExportFormat, ExportOptions, ExportResult } from "@/lib/export/types";
import { defineJob } from "@/lib/jobs/define-job";

export const EXPORT_JOB = "export.run";

export interface ExportRequestOptions {
  toolsInSystemPrompt: boolean;
  repeat: number;
}

/** Where an export's files live: one folder per export, under the data folder. */
export function exportDir(projectId: string, exportId: string): string {
  return path.join(env().dataDir, "exports", projectId, exportId);
}

/** Data-file passes per format (validation is one more), for the progress total. */
const WRITE_PASSES: Record<ExportFormat, number> = {
  limi: 2,
  openai: 1,
  sharegpt: 1,
  "hf-messages": 1,
  atif: 1,
  dpo: 1,
  prm: 1,
};

export async function openExportSource(
  projectId: string,
  input: { releaseNumber: number | null; trajectoryIds: readonly string[] },
  format: ExportFormat,
): Promise<OpenedSource> {
  return input.releaseNumber !== null
    ? releaseSource(projectId, input.releaseNumber, format)
    : idsSource(projectId, input.trajectoryIds, format);
}

/** The export core's options for a project's export of `opened`. */
export function coreOptions(
  project: { slug: string; name: string },
  opened: OpenedSource,
  options: ExportRequestOptions,
): ExportOptions {
  const r = opened.release;
  return {
    name: r ? `${project.slug}-release-${r.number}` : `${project.slug}-unreleased`,
    project: { slug: project.slug, name: project.name },
    release: r ? { number: r.number, approvedBy: r.approvedBy, notes: r.notes, createdAt: r.createdAt } : null,
    selection: r?.selection,
    toolsInSystemPrompt: options.toolsInSystemPrompt,
    repeat: options.repeat,
    tags: ["sft", "chat", "tool-use"],
  };
}

/** Runs one Export row's export into its folder and records the result (or the failure). */
export async function runExport(
  exportId: string,
  progress: (done: number, total: number) => Promise<void>,
): Promise<ExportResult> {
  const row = await db().export.findUniqueOrThrow({
    where: { id: exportId },
    include: { project: { select: { slug: true, name: true } } },
  });
  await db().export.update({ where: { id: exportId }, data: { status: "running", error: null } });
  const dir = exportDir(row.projectId, row.id);
  await rm(dir, { recursive: true, force: true });
  try {
    const format = parseExportFormat(row.format);
    const options = row.options as unknown as ExportRequestOptions;
    const opened = await openExportSource(
      row.projectId,
      { releaseNumber: row.releaseNumber, trajectoryIds: row.trajectoryIds },
      format,
    );
    const total = opened.items.length * (1 + WRITE_PASSES[format]);
    let done = 0;
    let pending: Promise<void> = Promise.resolve();
    const result = await exportSamples(
      opened.source,
      format,
      {
        ...coreOptions(row.project, opened, options),
        onProgress: () => {
          done = Math.min(done + 1, total);
          pending = pending.then(() => progress(done, total));
        },
      },
      new DirectorySink(dir),
    );
    await pending;
    await progress(total, total);
    await db().export.update({
      where: { id: exportId },
      data: {
        status: "done",
        files: result.files as unknown as Prisma.InputJsonValue,
        size: result.files.reduce((a, f) => a + BigInt(f.bytes), 0n),
        samples: result.manifest.counts.samples,
        finishedAt: new Date(),
      },
    });
    return result;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    await db().export.update({
      where: { id: exportId },
      data: {
        status: "failed",
        error: (e instanceof Error ? e.message : String(e)).slice(0, 4000),
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
    await runExport(params.exportId, ctx.progress);
  },
});
