/**
 * The export job's work, as the child process runs it (lib/export/export-child-main.ts): open the
 * source (a release's pinned revisions or an ad-hoc set's approved ones), spool it on the first
 * pass (lib/export/spooled-source.ts), run the export core into the export's folder and return
 * the files. It takes plain data, so it crosses the process boundary as JSON.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { exportSamples } from "@/lib/export/export-samples";
import { idsSource, releaseSource, type OpenedSource } from "@/lib/export/release-source";
import { DirectorySink } from "@/lib/export/sinks/directory-sink";
import { spooledSource } from "@/lib/export/spooled-source";
import type { ExportFormat, ExportOptions, ExportedFile } from "@/lib/export/types";

export interface ExportRequestOptions {
  toolsInSystemPrompt: boolean;
  repeat: number;
}

export interface ExportWork {
  projectId: string;
  project: { slug: string; name: string };
  releaseNumber: number | null;
  trajectoryIds: string[];
  format: ExportFormat;
  options: ExportRequestOptions;
  /** The export's folder; must not exist or be empty. */
  dir: string;
}

export interface ExportWorkResult {
  files: ExportedFile[];
  samples: number;
  /** The child process's own figures: peak RSS, CPU (user + system) and wall time of the work. */
  usage?: { peakRssMb: number; cpuMs: number; wallMs: number };
}

/** Data-file passes per format (validation is one more), for the progress total. */
export const WRITE_PASSES: Record<ExportFormat, number> = {
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

/** Runs the export into `work.dir`; `progress` gets samples done of all passes. */
export async function writeExport(
  work: ExportWork,
  progress: (done: number, total: number) => void,
): Promise<ExportWorkResult> {
  const opened = await openExportSource(
    work.projectId,
    { releaseNumber: work.releaseNumber, trajectoryIds: work.trajectoryIds },
    work.format,
  );
  const total = opened.items.length * (1 + WRITE_PASSES[work.format]);
  // The spool lies beside the export's folder, which the sink makes only when it writes a file.
  await mkdir(path.dirname(work.dir), { recursive: true });
  let done = 0;
  const source = spooledSource(opened.source, `${work.dir}.spool-${process.pid}`);
  try {
    const result = await exportSamples(
      source,
      work.format,
      {
        ...coreOptions(work.project, opened, work.options),
        onProgress: () => progress((done = Math.min(done + 1, total)), total),
      },
      new DirectorySink(work.dir),
    );
    progress(total, total);
    return { files: result.files, samples: result.manifest.counts.samples };
  } finally {
    await source.dispose();
  }
}
