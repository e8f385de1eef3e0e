/**
 * The one import pipeline, shared by the CLI, the REST API and the upload page:
 * file → detect → streaming parse → canonical model (zod-checked by the parser) → tokenize →
 * one transaction per file (COPY for steps) → NOTIFY at commit. A file that fails writes nothing
 * and reports what was wrong and where; the original is kept, compressed, for download.
 */
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { parseFile } from "@/lib/formats/detect";
import { parseError } from "@/lib/formats/parse-error";
import { fileInput } from "@/lib/import/file-input";
import { loadTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import { computeTokenStatsOffThread } from "@/lib/tokens/count-pool";
import type { TokenStats } from "@/lib/tokens/stats";
import { storeTrajectory } from "@/lib/trajectory/store/insert-trajectory";
import { scheduleTemplateCount } from "@/lib/export/training-view/template-count-job";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { queueNewTrajectory } from "@/lib/review/send-to-review";
import { discardSource, hashFile, keepSource, settleSource, type StoredSource } from "@/lib/import/source-store";
import { noStepsError } from "@/lib/import/no-steps";
import { repeatKey } from "@/lib/import/repeat-key";
import { addWarnings, emptyResult, recordTrajectory, type ImportFileResult } from "@/lib/import/import-result";
import { logError } from "@/lib/log";
import { recordAudit } from "@/lib/audit/record-audit";
import { importGate } from "@/lib/import/import-gate";
import { ParseWorkerFailed, parseOffThread, parsesOffThread } from "@/lib/import/parse-off-thread";

export type { ImportFileResult } from "@/lib/import/import-result";

export interface ImportOptions {
  projectId: string;
  actorId: string | null;
  /** The API key the import came through, for the audit log. */
  apiKeyId?: string | null;
  /** "auto" or a registry name. */
  format: string;
  domain?: string | null;
  queryId?: string | null;
  /** Bytes of this file read so far (the parser may read a file more than once). */
  onProgress?: (bytesRead: number, size: number) => void;
}

// Files with the same bytes are imported one after the other: they share the kept original, and a
// failing one must not remove the original another has just committed.
const bySha = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(sha256: string, fn: () => Promise<T>): Promise<T> {
  const before = bySha.get(sha256) ?? Promise.resolve();
  const run = before.then(fn, fn);
  const settled = run.catch(() => undefined);
  bySha.set(sha256, settled);
  try {
    return await run;
  } finally {
    if (bySha.get(sha256) === settled) bySha.delete(sha256);
  }
}

/**
 * Imports one file when the process-wide import gate (IMPORT_MAX_RUNNING) gives it a slot; the
 * result says how long it waited and its place in line, if it had to.
 */
export async function importFile(file: { path: string; name: string }, opts: ImportOptions): Promise<ImportFileResult> {
  const result = await importGate().run(async (wait) => ({ ...(await importFileNow(file, opts)), waited: wait }));
  // Committed: count the new revisions under the project's chat template (training view), if one is set.
  if (result.status === "imported") await scheduleTemplateCount(opts.projectId);
  return result;
}

async function importFileNow(file: { path: string; name: string }, opts: ImportOptions): Promise<ImportFileResult> {
  const result = emptyResult(file.name);
  try {
    const project = await db().project.findUnique({
      where: { id: opts.projectId },
      select: { id: true, tokenizer: true },
    });
    if (!project) throw new AppError("NOT_FOUND", `project ${opts.projectId} not found`);
    const { sha256 } = await hashFile(file.path);
    return await oneAtATime(sha256, () => importHashed(file, sha256, project.tokenizer, opts, result));
  } catch (e) {
    return rejected(file.name, result, e);
  }
}

function rejected(name: string, result: ImportFileResult, e: unknown): ImportFileResult {
  if (!isAppError(e)) logError("import failed", e, { file: name });
  return {
    ...emptyResult(name),
    format: result.format,
    warnings: result.warnings,
    error: isAppError(e)
      ? { message: e.message, line: e.location?.line ?? null }
      : { message: `${name}: internal error while importing (details are in the server log)`, line: null },
  };
}

async function importHashed(
  file: { path: string; name: string },
  sha256: string,
  tokenizerId: string,
  opts: ImportOptions,
  result: ImportFileResult,
): Promise<ImportFileResult> {
  // The original is compressed (zlib works off the main thread) while the file is parsed and
  // tokenized; it is removed again if the file is rejected or holds nothing new.
  const keeping = keepSource(file.path, sha256);
  keeping.catch(() => undefined);
  let imported = 0;
  try {
    // A tokenizer that cannot load fails the file before anything is read.
    await loadTokenizer(tokenizerId);
    const { size } = await stat(file.path);
    for (let attempt = 1; ; attempt++) {
      Object.assign(result, emptyResult(file.name));
      try {
        imported = await storeFile(file, sha256, size, tokenizerId, opts, result, keeping, attempt > 1);
        break;
      } catch (e) {
        // Two files holding the same trajectories in different orders can deadlock on the unique
        // content hash; PostgreSQL aborts one. It runs again, one such retry per project at a time
        // (so retries cannot deadlock each other): the winner has committed by then, so this one
        // finds its trajectories and reports them as duplicates.
        if (attempt >= RACE_ATTEMPTS || !lostRace(e)) throw e;
      }
    }
  } catch (e) {
    await dropNewBlob(keeping, sha256);
    return rejected(file.name, result, e);
  }
  if (!imported) await dropNewBlob(keeping, sha256);
  else await settleSource(sha256);
  result.status = imported ? "imported" : "duplicate";
  result.trajectoryId = result.trajectoryIds[0] ?? null;
  return result;
}

const RACE_ATTEMPTS = 8;
const LARGE_TRAJECTORY_CHARS = 8 * 1024 * 1024;
const textChars = (t: ParsedTrajectory) => t.steps.reduce((n, step) => n + stepText(step).length, 0);
/** deadlock_detected, serialization_failure, unique_violation: a concurrent import won. */
const lostRace = (e: unknown) =>
  typeof e === "object" && e !== null && ["40P01", "40001", "23505"].includes((e as { code?: string }).code ?? "");

/** Parses the file and stores its trajectories in one transaction; returns how many were new. */
async function storeFile(
  file: { path: string; name: string },
  sha256: string,
  size: number,
  tokenizerId: string,
  opts: ImportOptions,
  result: ImportFileResult,
  keeping: Promise<StoredSource>,
  serialize: boolean,
): Promise<number> {
  const source = await openTrajectories(file, size, tokenizerId, opts, result);
  try {
    return await storeParsed(file, sha256, size, source.items, tokenizerId, opts, result, keeping, serialize);
  } finally {
    await source.close();
  }
}

/** Trajectories with their token statistics when counted already (a parse off the main thread). */
type Parsed = { parsed: ParsedTrajectory; stats?: TokenStats };

/** Detects the format and starts parsing: large files and archives in a worker of their own. */
async function openTrajectories(
  file: { path: string; name: string },
  size: number,
  tokenizerId: string,
  opts: ImportOptions,
  result: ImportFileResult,
): Promise<{ items: AsyncIterable<Parsed>; close(): Promise<void> }> {
  const warn = (m: string) => addWarnings(result, [m]);
  const limits = {
    format: opts.format,
    maxDocumentBytes: env().IMPORT_MAX_DOCUMENT_MB * 1024 * 1024,
    archive: {
      maxInflatedBytes: env().IMPORT_MAX_ARCHIVE_MB * 1024 * 1024,
      maxMembers: env().IMPORT_MAX_ARCHIVE_MEMBERS,
    },
  };
  if (await parsesOffThread(file.path, size)) {
    try {
      return await parseOffThread(
        { path: file.path, filename: file.name, size, tokenizerId, ...limits },
        { warn, onProgress: opts.onProgress },
      );
    } catch (e) {
      // A worker that cannot start must not make large files unimportable: parse here, as before.
      if (!(e instanceof ParseWorkerFailed)) throw e;
      logError("parsing falls back to the importing thread", e, { file: file.name });
    }
  }
  const trajectories = await parseFile(
    fileInput({ path: file.path, name: file.name, size }, opts.onProgress && ((n) => opts.onProgress!(n, size)), {
      warn,
      maxLineBytes: limits.maxDocumentBytes,
    }),
    limits,
  );
  return {
    items: (async function* () {
      for await (const parsed of trajectories) yield { parsed };
    })(),
    close: async () => undefined,
  };
}

async function storeParsed(
  file: { path: string; name: string },
  sha256: string,
  size: number,
  trajectories: AsyncIterable<Parsed>,
  tokenizerId: string,
  opts: ImportOptions,
  result: ImportFileResult,
  keeping: Promise<StoredSource>,
  serialize: boolean,
): Promise<number> {
  let imported = 0;
  return withPgTransaction(async (client) => {
    if (serialize) await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`import:${opts.projectId}`]);
    const source = await client.query<{ id: string; created: boolean }>(
      `INSERT INTO "SourceFile" ("id","projectId","filename","sha256","size","compressedSize","format","createdById")
       VALUES ($1,$2,$3,$4,$5,0,'',$6)
       ON CONFLICT ("projectId","sha256") DO UPDATE SET "filename" = "SourceFile"."filename"
       RETURNING "id", (xmax = 0) AS "created"`,
      [randomUUID(), opts.projectId, file.name, sha256, size, opts.actorId],
    );
    const sourceFileId = source.rows[0].id;
    // A small pipeline: while PostgreSQL stores one trajectory (its own process), a worker thread
    // counts the tokens of the next and this thread parses the one after (or, for a file parsed
    // off the main thread, its worker parses and counts the next). At most one trajectory is
    // counted ahead, so memory stays bounded whatever the size of the file.
    let storing: Promise<void> = Promise.resolve();
    let counting: Promise<unknown> = Promise.resolve();
    const failure: { error?: unknown; failed: boolean } = { failed: false };
    let count = 0;
    let repeats = 0;
    const seen = new Set<string>();
    for await (const { parsed, stats: counted } of trajectories) {
      if (failure.failed) throw failure.error;
      count++;
      if (!parsed.steps.length) throw noStepsError(file.name, count, parsed);
      const key = repeatKey(parsed);
      if (seen.has(key)) {
        result.duplicates++;
        repeats++;
        continue;
      }
      seen.add(key);
      await counting;
      const stats = counted
        ? Promise.resolve(counted)
        : computeTokenStatsOffThread(parsed.steps, parsed.tools, tokenizerId);
      counting = stats.catch(() => undefined);
      const before = storing;
      storing = stats.then(async (s) => {
        await before;
        const stored = await storeTrajectory(client, {
          projectId: opts.projectId,
          parsed,
          stats: s,
          createdById: opts.actorId,
          domain: opts.domain ?? null,
          queryId: opts.queryId ?? null,
          sourceFileId,
          fallbackTitle: file.name,
        });
        recordTrajectory(result, stored, parsed, s.totals);
        if (stored.status === "imported") {
          imported++;
          await queueNewTrajectory(client, opts.projectId, stored.trajectoryId, opts.actorId);
        }
      });
      // Keep the rejection handled until it is awaited (the next turn or after the loop).
      storing.catch((error: unknown) => {
        if (!failure.failed) Object.assign(failure, { failed: true, error });
      });
      // A large trajectory is stored before the next is parsed: the pipeline would otherwise hold
      // two or three of them at once (an .eval of 64 MB samples peaked at 1.5 GB).
      if (textChars(parsed) > LARGE_TRAJECTORY_CHARS) await storing.catch(() => undefined);
    }
    await storing;
    repeats += count - repeats - result.trajectoryIds.length;
    if (repeats > 0)
      addWarnings(result, [
        `${repeats} trajectory(ies) repeat another of the same file; each is stored and counted once`,
      ]);
    if (!result.trajectoryIds.length)
      throw parseError(file.name, "the file holds no trajectory (no conversation or session records found)");
    if (imported) {
      const blob = await keeping;
      await client.query(`UPDATE "SourceFile" SET "format" = $2, "compressedSize" = $3 WHERE "id" = $1`, [
        sourceFileId,
        result.format,
        blob.compressedSize,
      ]);
      await recordAudit(
        {
          projectId: opts.projectId,
          actorId: opts.actorId,
          apiKeyId: opts.apiKeyId ?? null,
          action: "trajectory.import",
          targetType: "SourceFile",
          targetId: sourceFileId,
          data: { file: file.name, format: result.format, imported, trajectories: result.trajectoryIds.length },
        },
        client,
      );
      await notifyProjectEvent(client, {
        projectId: opts.projectId,
        event: "trajectories:changed",
        data: { imported },
      });
    } else if (source.rows[0].created) {
      await client.query(`DELETE FROM "SourceFile" WHERE "id" = $1`, [sourceFileId]);
    }
    return imported;
  });
}

/** Removes the kept original when this import wrote it and nothing committed refers to it. */
async function dropNewBlob(keeping: Promise<{ created: boolean }>, sha256: string): Promise<void> {
  const blob = await keeping.catch(() => null);
  if (blob?.created) await discardSource(sha256);
  else await settleSource(sha256);
}
