/**
 * Starting an export and reading exports back (the routes and the Exports page). The request is
 * checked whole before anything is written: the format, the options, and the release (it must
 * exist) or the ids (known, approved, through the same gate as a release). At most
 * MAX_ACTIVE_EXPORTS exports of a project are queued or running at once (checked under an
 * advisory lock, so two requests cannot both pass); the Export row and its audit row are one
 * transaction, and the job is queued once they are committed.
 */
import { createReadStream } from "node:fs";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseExportFormat } from "@/lib/export/export-format";
import { EXPORT_JOB, exportDir, exportJob } from "@/lib/export/export-job";
import { assertAdhocReleasable, findRelease, resolveAdhocIds } from "@/lib/export/release-source";
import { ZipSink } from "@/lib/export/sinks/zip-sink";
import type { ExportedFile } from "@/lib/export/types";

/** Exports of one project queued or running at once; a further request gets 429. */
export const MAX_ACTIVE_EXPORTS = 2;

export const StartExportSchema = z
  .object({
    release: z.number().int().min(1).optional(),
    ids: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
    format: z.string().min(1).max(40),
    options: z
      .object({
        toolsInSystemPrompt: z.boolean().default(false),
        repeat: z.number().int().min(1).max(100).default(1),
      })
      .strict()
      .default({ toolsInSystemPrompt: false, repeat: 1 }),
  })
  .strict()
  .refine((b) => (b.release === undefined) !== (b.ids === undefined), {
    message: "name either a release or ids, not both",
    path: ["release"],
  });
export type StartExportInput = z.infer<typeof StartExportSchema>;

const EXPORT_SELECT = {
  id: true,
  releaseNumber: true,
  trajectoryIds: true,
  format: true,
  options: true,
  status: true,
  files: true,
  size: true,
  samples: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  jobId: true,
  createdById: true,
} as const;

type ExportRow = Prisma.ExportGetPayload<{ select: typeof EXPORT_SELECT }>;

async function publicExport(row: ExportRow) {
  const job = row.jobId
    ? await db().job.findUnique({ where: { id: row.jobId }, select: { progress: true, total: true, status: true } })
    : null;
  const creator = row.createdById
    ? await db().user.findUnique({ where: { id: row.createdById }, select: { name: true } })
    : null;
  return {
    id: row.id,
    release: row.releaseNumber,
    ids: row.trajectoryIds.length ? row.trajectoryIds.length : null,
    unreleased: row.releaseNumber === null,
    format: row.format,
    options: row.options,
    status: row.status,
    progress: row.status === "done" ? 1 : job && job.total > 0 ? Math.min(1, job.progress / job.total) : 0,
    files: row.files as unknown as ExportedFile[],
    size: Number(row.size),
    samples: row.samples,
    error: row.error,
    createdBy: creator?.name ?? null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
export type PublicExport = Awaited<ReturnType<typeof publicExport>>;

/** Checks the request whole (nothing written on any error). */
async function checkRequest(projectId: string, input: StartExportInput) {
  const format = parseExportFormat(input.format);
  if (format !== "limi" && (input.options.repeat !== 1 || input.options.toolsInSystemPrompt))
    throw new AppError("BAD_REQUEST", "repeat and toolsInSystemPrompt are options of the limi format only", {
      location: { field: "options" },
    });
  if (input.release !== undefined) {
    const release = await findRelease(projectId, input.release);
    return { format, releaseId: release.id, releaseNumber: release.number, ids: [] as string[] };
  }
  const items = await resolveAdhocIds(projectId, input.ids!);
  await assertAdhocReleasable(projectId, items);
  return { format, releaseId: null, releaseNumber: null, ids: items.map((i) => i.trajectoryId) };
}

export async function startExport(
  projectId: string,
  input: StartExportInput,
  actor: { userId: string; apiKeyId?: string | null },
): Promise<PublicExport> {
  const checked = await checkRequest(projectId, input);
  const row = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`export:${projectId}`}))`;
    const active = await tx.export.count({ where: { projectId, status: { in: ["queued", "running"] } } });
    if (active >= MAX_ACTIVE_EXPORTS)
      throw new AppError(
        "RATE_LIMITED",
        `${active} exports of this project are already queued or running (at most ${MAX_ACTIVE_EXPORTS}); wait for one to finish`,
      );
    const created = await tx.export.create({
      data: {
        projectId,
        releaseId: checked.releaseId,
        releaseNumber: checked.releaseNumber,
        trajectoryIds: checked.ids,
        format: checked.format,
        options: input.options,
        createdById: actor.userId,
      },
      select: EXPORT_SELECT,
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId ?? null,
        action: "export.start",
        targetType: "Export",
        targetId: created.id,
        data: {
          format: checked.format,
          release: checked.releaseNumber,
          ids: checked.ids.length,
          options: input.options,
        },
      },
      tx,
    );
    return created;
  });
  try {
    const job = await exportJob.enqueue({ projectId, params: { exportId: row.id }, createdById: actor.userId });
    const updated = await db().export.update({ where: { id: row.id }, data: { jobId: job.id }, select: EXPORT_SELECT });
    return publicExport(updated);
  } catch (e) {
    await db().export.update({
      where: { id: row.id },
      data: { status: "failed", error: "the export could not be queued", finishedAt: new Date() },
    });
    throw e;
  }
}

export async function listExports(projectId: string): Promise<PublicExport[]> {
  const rows = await db().export.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: EXPORT_SELECT,
  });
  return Promise.all(rows.map(publicExport));
}

async function findExport(projectId: string, exportId: string): Promise<ExportRow> {
  const row = await db().export.findFirst({ where: { id: exportId, projectId }, select: EXPORT_SELECT });
  if (!row) throw new AppError("NOT_FOUND", "no such export in this project", { location: { field: "exportId" } });
  return row;
}

export async function showExport(projectId: string, exportId: string): Promise<PublicExport> {
  return publicExport(await findExport(projectId, exportId));
}

/** The zip's file name: the dataset's name and the format. */
export function zipName(slug: string, e: Pick<PublicExport, "release" | "format">): string {
  return `${slug}-${e.release !== null ? `release-${e.release}` : "unreleased"}-${e.format}.zip`;
}

/**
 * The finished export as a deterministic zip, streamed: the recorded files in the core's order,
 * each entry dated 1980-01-01, so two downloads (and two exports of one release) are identical.
 */
export async function exportZip(projectId: string, exportId: string): Promise<{ stream: Readable; row: PublicExport }> {
  const row = await findExport(projectId, exportId);
  if (row.status !== "done")
    throw new AppError("CONFLICT", `the export is ${row.status}, not finished; download it once it is done`);
  const dir = exportDir(projectId, row.id);
  const files = row.files as unknown as ExportedFile[];
  const out = new PassThrough();
  const sink = new ZipSink(out);
  void (async () => {
    try {
      for (const f of files) {
        const full = path.join(dir, f.path);
        if (!full.startsWith(dir + path.sep)) throw new Error(`bad file path ${f.path}`);
        const w = await sink.open(f.path);
        await pipeline(createReadStream(full), async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) await w.write(chunk);
        });
        await w.close();
      }
      await sink.commit();
    } catch (e) {
      await sink.abort().catch(() => {});
      out.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  })();
  return { stream: out, row: await publicExport(row) };
}

export { EXPORT_JOB };

/** The project's releases, newest first, with their size (for the Exports page's choice). */
export async function listReleases(projectId: string) {
  const rows = await db().release.findMany({
    where: { projectId },
    orderBy: { number: "desc" },
    select: { number: true, notes: true, createdAt: true, _count: { select: { items: true } } },
  });
  return rows.map((r) => ({ number: r.number, notes: r.notes, createdAt: r.createdAt, samples: r._count.items }));
}
