/**
 * Re-parsing a project's kept originals with the current importer (a background job, or inline
 * from the CLI). For every original, its trajectories are parsed again and matched to the ones it
 * produced before; a trajectory whose parse changed gets:
 * - a new revision "re-parsed: …" saying what changed, when no person has edited it since import
 *   (its revisions are the import and earlier re-parses only);
 * - nothing, when it has been edited: it is listed in the report for a person to decide.
 * Matching: the only trajectory of the file, else the same session id, else the same first human
 * message; what matches nothing is listed too.
 */
import type { Prisma } from "@/lib/db/generated/client";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { parseFile } from "@/lib/formats/detect";
import type { FormatInput } from "@/lib/formats/types";
import { openSource } from "@/lib/import/source-store";
import { repeatKey } from "@/lib/import/repeat-key";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { saveRevision } from "@/lib/trajectory/revisions";
import { firstHumanText } from "@/lib/trajectory/store/insert-trajectory";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import { changeSummary, reparseOps } from "@/lib/import/reparse/step-diff";
import { ReparseParamsSchema } from "@/lib/import/reparse/reparse-params";

/** The prefix of every revision reason this job writes; revisions without it were made by people. */
export const REPARSED_REASON = "re-parsed";

export interface ReparseItem {
  trajectoryId: string;
  title: string;
  file: string;
  summary: string;
}

export interface ReparseReport {
  files: number;
  trajectories: number;
  unchanged: number;
  /** New "re-parsed" revisions (or metadata-only updates) made. */
  reparsed: (ReparseItem & { revision: number | null })[];
  /** Edited since import and changed by the new parse: left alone for a person to decide. */
  needsDecision: (ReparseItem & { headNumber: number })[];
  /** Trajectories of the new parse or the old import that could not be paired. */
  unmatched: { file: string; reason: string }[];
  /** Originals that could not be read or parsed now. */
  failed: { file: string; message: string }[];
}

interface Old {
  id: string;
  title: string;
  format: string;
  sessionId: string | null;
  firstHumanMessage: string;
  headNumber: number;
}

export interface ReparseOptions {
  progress?: (done: number, total: number) => Promise<void> | void;
  /** The Job row to keep the report on (`params.report`), read by the settings page. */
  jobId?: string;
}

function sourceInput(file: { filename: string; sha256: string; size: bigint }): FormatInput {
  return {
    filename: file.filename,
    size: Number(file.size),
    open() {
      const s = openSource(file.sha256);
      if (!s) throw new AppError("NOT_FOUND", `${file.filename}: the kept original is missing from the data folder`);
      return s;
    },
  };
}

/** Pairs new parses with old trajectories: only one each, then session id, then first human message. */
function pair(
  olds: Old[],
  parsed: ParsedTrajectory[],
): { pairs: [Old, ParsedTrajectory][]; lone: ParsedTrajectory[]; left: Old[] } {
  if (olds.length === 1 && parsed.length === 1) return { pairs: [[olds[0], parsed[0]]], lone: [], left: [] };
  const left = [...olds];
  const pairs: [Old, ParsedTrajectory][] = [];
  const lone: ParsedTrajectory[] = [];
  const take = (pred: (o: Old) => boolean) => {
    const hits = left.filter(pred);
    if (hits.length !== 1) return undefined;
    left.splice(left.indexOf(hits[0]), 1);
    return hits[0];
  };
  for (const t of parsed) {
    const sid = t.source.sessionId;
    const human = firstHumanText(t.steps).slice(0, 2000);
    const o =
      (sid ? take((x) => x.sessionId === sid) : undefined) ??
      (human ? take((x) => x.firstHumanMessage === human) : undefined);
    if (o) pairs.push([o, t]);
    else lone.push(t);
  }
  if (lone.length === 1 && left.length === 1) return { pairs: [...pairs, [left[0], lone[0]]], lone: [], left: [] };
  return { pairs, lone, left };
}

/** The job: one function, its parameters validated here. */
export async function reparseProject(rawParams: unknown, opts: ReparseOptions = {}): Promise<ReparseReport> {
  const params = ReparseParamsSchema.parse(rawParams);
  const { projectId } = params;
  const actor = await db().user.findUnique({ where: { id: params.actorId }, select: { id: true, name: true } });
  if (!actor) throw new AppError("NOT_FOUND", `user ${params.actorId} not found`);
  const files = await db().sourceFile.findMany({
    where: { projectId, ...(params.sourceFileIds ? { id: { in: params.sourceFileIds } } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, filename: true, sha256: true, size: true, format: true },
  });
  const report: ReparseReport = {
    files: files.length,
    trajectories: 0,
    unchanged: 0,
    reparsed: [],
    needsDecision: [],
    unmatched: [],
    failed: [],
  };
  await opts.progress?.(0, files.length);
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    try {
      await reparseFile(projectId, file, { id: actor.id, name: actor.name ?? "re-parse" }, report);
    } catch (e) {
      report.failed.push({
        file: file.filename,
        message: isAppError(e) ? e.message : "internal error (see the server log)",
      });
      if (!isAppError(e)) throw e;
    }
    await opts.progress?.(i + 1, files.length);
  }
  if (opts.jobId) await keepReport(opts.jobId, params, report);
  return report;
}

async function reparseFile(
  projectId: string,
  file: { id: string; filename: string; sha256: string; size: bigint; format: string },
  actor: { id: string; name: string },
  report: ReparseReport,
): Promise<void> {
  const olds: Old[] = await db().trajectory.findMany({
    where: { projectId, sourceFileId: file.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, format: true, sessionId: true, firstHumanMessage: true, headNumber: true },
  });
  if (!olds.length) return;
  const parsed: ParsedTrajectory[] = [];
  const seen = new Set<string>();
  const it = await parseFile(sourceInput(file), {
    format: "auto",
    maxDocumentBytes: env().IMPORT_MAX_DOCUMENT_MB * 1024 * 1024,
  });
  for await (const t of it) {
    const key = repeatKey(t);
    if (seen.has(key) || !t.steps.length) continue;
    seen.add(key);
    parsed.push(t);
  }
  const { pairs, lone, left } = pair(olds, parsed);
  for (const t of lone)
    report.unmatched.push({
      file: file.filename,
      reason: `a trajectory of the new parse (${t.format}, ${t.steps.length} steps) matches no imported one; import the file again to add it`,
    });
  for (const o of left)
    report.unmatched.push({
      file: file.filename,
      reason: `trajectory ${o.id} (“${o.title}”) matches nothing in the new parse`,
    });
  const edited = await editedByPeople(olds.map((o) => o.id));
  for (const [old, t] of pairs) {
    report.trajectories++;
    await reparseOne(projectId, file.filename, old, t, edited.has(old.id), actor, report);
  }
}

/** Trajectories with a revision a person made (any reason but the re-parse's own). */
async function editedByPeople(ids: string[]): Promise<Set<string>> {
  const revs = await db().revision.findMany({
    where: { trajectoryId: { in: ids }, number: { gt: 1 }, NOT: { reason: { startsWith: REPARSED_REASON } } },
    select: { trajectoryId: true },
  });
  return new Set(revs.map((r) => r.trajectoryId));
}

async function reparseOne(
  projectId: string,
  file: string,
  old: Old,
  t: ParsedTrajectory,
  edited: boolean,
  actor: { id: string; name: string },
  report: ReparseReport,
): Promise<void> {
  const head = await readRevision(projectId, old.id);
  const ops = reparseOps(head.steps, t.steps);
  const title = t.title || firstHumanText(t.steps).replace(/\s+/g, " ").trim().slice(0, 140) || old.title;
  const metaChanged = t.format !== old.format || title !== old.title;
  if (!ops.length && !metaChanged) {
    report.unchanged++;
    return;
  }
  const summary = changeSummary(
    { steps: head.steps, format: old.format, title: old.title },
    { ...t, title },
    ops.length,
  );
  const item = { trajectoryId: old.id, title: old.title, file, summary };
  if (edited) {
    report.needsDecision.push({ ...item, headNumber: head.number });
    return;
  }
  let revision: number | null = null;
  if (ops.length) {
    const saved = await saveRevision(projectId, old.id, { baseNumber: head.number, reason: summary, ops }, actor);
    revision = saved.revision.number;
  }
  const human = firstHumanText(t.steps);
  await db().$transaction(async (tx) => {
    const current = await tx.trajectory.findUniqueOrThrow({ where: { id: old.id }, select: { sourceMeta: true } });
    const before = current.sourceMeta && typeof current.sourceMeta === "object" ? current.sourceMeta : {};
    await tx.trajectory.update({
      where: { id: old.id },
      data: {
        format: t.format,
        title,
        firstHumanMessage: human.slice(0, 2000),
        sourceMeta: { ...before, ...t.source, usage: t.usage, warnings: t.warnings } as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        projectId,
        actorId: actor.id,
        action: "trajectory.reparse",
        targetType: "Trajectory",
        targetId: old.id,
        data: { revision, summary, format: t.format },
      },
      tx,
    );
  });
  report.reparsed.push({ ...item, revision });
}

async function keepReport(jobId: string, params: unknown, report: ReparseReport): Promise<void> {
  // At most 200 entries per list are kept on the job: the page lists them, the audit log has all.
  const cap = <T>(xs: T[]) => xs.slice(0, 200);
  const kept = {
    ...report,
    reparsed: cap(report.reparsed),
    needsDecision: cap(report.needsDecision),
    unmatched: cap(report.unmatched),
    failed: cap(report.failed),
  };
  await db().job.update({
    where: { id: jobId },
    data: { params: { ...(params as object), report: kept } as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
}
