/**
 * Purge (instance admins; audited; irreversible): a redaction makes a new revision and leaves the
 * secret where it was before: older revisions' step bodies (shared step rows), the step index's
 * previews, the revision history (ops and reasons), annotations, the trajectory's own fields and the
 * kept original file. A purge rewrites all of those for one trajectory, replacing the secret with
 * its placeholder. `purgePlan` lists what would be rewritten and the confirmation sentence; the
 * purge itself is refused unless the request repeats that sentence exactly, so what was previewed
 * is what is rewritten.
 *
 * The original file is content-addressed (lib/import/source-store.ts): the rewritten file is stored
 * under its new sha256, the SourceFile row points at it, and the old blob is removed once no row
 * names it.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { blobPath, openSource, tempPath } from "@/lib/import/source-store";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { PREVIEW_CHARS } from "@/lib/trajectory/store/insert-trajectory";
import { stepText } from "@/lib/tokens/step-text";
import type { ParsedStep } from "@/lib/trajectory/types";
import type { FindingRow } from "@/lib/curation/gate/findings";
import { placeholderFor, secretAt } from "@/lib/curation/gate/redaction/redact";
import { mapStrings } from "@/lib/curation/gate/redaction/text-leaves";

export interface PurgePlan {
  findingId: string;
  projectId: string;
  trajectoryId: string;
  kind: string;
  /** Masked: the secret never leaves the server. */
  preview: string;
  placeholder: string;
  stepBodies: Array<{ key: string; version: number; revisions: number[] }>;
  revisionHistories: number[];
  annotations: number;
  trajectoryFields: string[];
  sourceFile: { id: string; filename: string; sha256: string; contains: boolean } | null;
  /** The sentence the purge request must repeat. */
  confirmation: string;
}

export const PurgeSchema = z.object({
  confirm: z.string({ error: "repeat the confirmation sentence of the preview" }).min(1).max(1000),
});

const jsonEscaped = (s: string) => JSON.stringify(s).slice(1, -1);

interface Located {
  f: FindingRow;
  secret: string;
}

async function locate(findingId: string): Promise<Located> {
  const r = await pgPool().query<FindingRow>(`SELECT * FROM "CurationFinding" WHERE "id"=$1`, [findingId]);
  const f = r.rows[0];
  if (!f) throw new AppError("NOT_FOUND", `finding ${findingId} not found`, { location: { field: "findingId" } });
  if (!f.secretHash || !f.kind)
    throw new AppError("VALIDATION", "only a secret finding can be purged (this one is a validation finding)", {
      location: { field: "findingId" },
    });
  const content = await readRevision(f.projectId, f.trajectoryId, f.revisionNumber).catch(() => null);
  const secret = content ? secretAt(content.steps, f) : null;
  if (secret === null)
    throw new AppError(
      "CONFLICT",
      f.purgedAt
        ? `this secret was purged already (${f.purgedAt.toISOString()})`
        : "the secret is no longer where the finding says: nothing to purge",
    );
  return { f, secret };
}

async function fileContains(sha256: string, needles: Buffer[]): Promise<boolean> {
  const stream = openSource(sha256);
  if (!stream) return false;
  let found = false;
  const finder = new ReplacingStream(needles, Buffer.alloc(0), () => (found = true));
  for await (const _ of stream.pipe(finder)) if (found) break;
  stream.destroy();
  return found;
}

export async function purgePlan(findingId: string): Promise<PurgePlan> {
  const { f, secret } = await locate(findingId);
  const escaped = jsonEscaped(secret);
  const [steps, histories, annotations, trajectory] = await Promise.all([
    pgPool().query<{ id: string; key: string; version: number; revisions: number[] }>(
      `SELECT s."id", s."key", s."version",
         ARRAY(SELECT r."number" FROM "Revision" r WHERE r."trajectoryId"=s."trajectoryId" AND s."id" = ANY(r."stepIds") ORDER BY 1) AS "revisions"
       FROM "Step" s JOIN "StepBody" b ON b."stepId"=s."id"
       WHERE s."trajectoryId"=$1 AND (strpos(b."data"::text, $2) > 0 OR strpos(s."preview", $3) > 0)
       ORDER BY s."seq", s."version"`,
      [f.trajectoryId, escaped, secret],
    ),
    pgPool().query<{ number: number }>(
      `SELECT "number" FROM "Revision" WHERE "trajectoryId"=$1 AND (strpos("ops"::text, $2) > 0 OR strpos("reason", $3) > 0) ORDER BY 1`,
      [f.trajectoryId, escaped, secret],
    ),
    pgPool().query<{ n: number }>(
      `SELECT (SELECT count(*) FROM "Annotation" WHERE "trajectoryId"=$1 AND strpos(coalesce("quote",''), $2) > 0)::int
            + (SELECT count(*) FROM "AnnotationComment" c JOIN "Annotation" a ON a."id"=c."annotationId"
               WHERE a."trajectoryId"=$1 AND strpos(c."body", $2) > 0)::int AS "n"`,
      [f.trajectoryId, secret],
    ),
    pgPool().query<{ fields: string[]; sourceFileId: string | null; filename: string | null; sha256: string | null }>(
      `SELECT ARRAY_REMOVE(ARRAY[
           CASE WHEN strpos(t."title", $2) > 0 THEN 'title' END,
           CASE WHEN strpos(t."firstHumanMessage", $2) > 0 THEN 'firstHumanMessage' END,
           CASE WHEN strpos(coalesce(t."cwd",''), $2) > 0 THEN 'cwd' END,
           CASE WHEN strpos(coalesce(t."sourceMeta"::text,''), $3) > 0 THEN 'sourceMeta' END,
           CASE WHEN EXISTS (SELECT 1 FROM "ToolDefinition" d WHERE d."trajectoryId"=t."id"
             AND (strpos(coalesce(d."description",''), $2) > 0 OR strpos(coalesce(d."parameters"::text,''), $3) > 0)) THEN 'tools' END
         ], NULL) AS "fields",
         t."sourceFileId", sf."filename", sf."sha256"
       FROM "Trajectory" t LEFT JOIN "SourceFile" sf ON sf."id"=t."sourceFileId" WHERE t."id"=$1`,
      [f.trajectoryId, secret, escaped],
    ),
  ]);
  const t = trajectory.rows[0];
  const contains = t?.sha256 ? await fileContains(t.sha256, needlesOf(secret)) : false;
  const plan: Omit<PurgePlan, "confirmation"> = {
    findingId: f.id,
    projectId: f.projectId,
    trajectoryId: f.trajectoryId,
    kind: f.kind!,
    preview: `${secret.slice(0, secret.length >= 16 ? 4 : 0)}…(${secret.length} chars)`,
    placeholder: placeholderFor(f.kind!),
    stepBodies: steps.rows.map((s) => ({ key: s.key, version: s.version, revisions: s.revisions })),
    revisionHistories: histories.rows.map((r) => r.number),
    annotations: annotations.rows[0]?.n ?? 0,
    trajectoryFields: t?.fields ?? [],
    sourceFile:
      t?.sourceFileId && t.sha256 ? { id: t.sourceFileId, filename: t.filename!, sha256: t.sha256, contains } : null,
  };
  return { ...plan, confirmation: confirmationOf(plan) };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function confirmationOf(p: Omit<PurgePlan, "confirmation">): string {
  const parts = [
    plural(p.stepBodies.length, "step body", "step bodies"),
    plural(p.revisionHistories.length, "revision history", "revision histories"),
    plural(p.annotations, "annotation"),
    plural(p.trajectoryFields.length, "trajectory field"),
    p.sourceFile?.contains ? `the original file ${p.sourceFile.filename}` : "no original file",
  ];
  return `purge ${p.kind} from trajectory ${p.trajectoryId}: ${parts.join(", ")}`;
}

const needlesOf = (secret: string) => [...new Set([secret, jsonEscaped(secret)])].map((s) => Buffer.from(s));

export async function purgeSecret(
  findingId: string,
  confirm: string,
  actorId: string,
): Promise<{ plan: PurgePlan; purgedAt: string }> {
  const plan = await purgePlan(findingId);
  if (confirm.trim() !== plan.confirmation)
    throw new AppError(
      "VALIDATION",
      `the confirmation does not match what would be rewritten; nothing was changed. Type exactly: ${plan.confirmation}`,
      { location: { field: "confirm" } },
    );
  const { secret } = await locate(findingId);
  const placeholder = plan.placeholder;
  const escaped = jsonEscaped(secret);

  // The original first, to a new content-addressed blob; the rows point at it in the transaction.
  let rewritten: { sha256: string; size: number; compressedSize: number; tmp: string } | null = null;
  if (plan.sourceFile?.contains) rewritten = await rewriteSource(plan.sourceFile.sha256, secret, placeholder);

  const purgedAt = new Date();
  try {
    await withPgTransaction(async (client) => {
      const bodies = await client.query<{ stepId: string; data: string }>(
        `SELECT b."stepId", b."data"::text AS "data" FROM "StepBody" b JOIN "Step" s ON s."id"=b."stepId"
         WHERE s."trajectoryId"=$1 AND strpos(b."data"::text, $2) > 0 FOR UPDATE`,
        [plan.trajectoryId, escaped],
      );
      const swap = (s: string) => (s.includes(secret) ? s.split(secret).join(placeholder) : s);
      for (const b of bodies.rows) {
        const step = mapStrings(JSON.parse(b.data) as ParsedStep, swap);
        await client.query(`UPDATE "StepBody" SET "data"=$2::jsonb WHERE "stepId"=$1`, [
          b.stepId,
          JSON.stringify(step),
        ]);
        await client.query(`UPDATE "Step" SET "preview"=$2 WHERE "id"=$1`, [
          b.stepId,
          stepText(step).slice(0, PREVIEW_CHARS),
        ]);
      }
      await client.query(
        `UPDATE "Step" SET "preview"=replace("preview", $2, $3) WHERE "trajectoryId"=$1 AND strpos("preview", $2) > 0`,
        [plan.trajectoryId, secret, placeholder],
      );
      const revisions = await client.query<{ id: string; ops: string; reason: string }>(
        `SELECT "id", "ops"::text AS "ops", "reason" FROM "Revision" WHERE "trajectoryId"=$1
         AND (strpos("ops"::text, $2) > 0 OR strpos("reason", $3) > 0) FOR UPDATE`,
        [plan.trajectoryId, escaped, secret],
      );
      for (const r of revisions.rows)
        await client.query(`UPDATE "Revision" SET "ops"=$2::jsonb, "reason"=$3 WHERE "id"=$1`, [
          r.id,
          JSON.stringify(mapStrings(JSON.parse(r.ops) as unknown, swap)),
          swap(r.reason),
        ]);
      await client.query(
        `UPDATE "Annotation" SET "quote"=replace("quote", $2, $3) WHERE "trajectoryId"=$1 AND strpos(coalesce("quote",''), $2) > 0`,
        [plan.trajectoryId, secret, placeholder],
      );
      await client.query(
        `UPDATE "AnnotationComment" c SET "body"=replace(c."body", $2, $3) FROM "Annotation" a
         WHERE a."id"=c."annotationId" AND a."trajectoryId"=$1 AND strpos(c."body", $2) > 0`,
        [plan.trajectoryId, secret, placeholder],
      );
      const t = await client.query<{ sourceMeta: string | null }>(
        `UPDATE "Trajectory" SET "title"=replace("title", $2, $3), "firstHumanMessage"=replace("firstHumanMessage", $2, $3),
           "cwd"=replace("cwd", $2, $3) WHERE "id"=$1 RETURNING "sourceMeta"::text AS "sourceMeta"`,
        [plan.trajectoryId, secret, placeholder],
      );
      const meta = t.rows[0]?.sourceMeta;
      if (meta && meta.includes(escaped))
        await client.query(`UPDATE "Trajectory" SET "sourceMeta"=$2::jsonb WHERE "id"=$1`, [
          plan.trajectoryId,
          JSON.stringify(mapStrings(JSON.parse(meta) as unknown, swap)),
        ]);
      const tools = await client.query<{ id: string; description: string | null; parameters: string | null }>(
        `SELECT "id","description","parameters"::text AS "parameters" FROM "ToolDefinition" WHERE "trajectoryId"=$1`,
        [plan.trajectoryId],
      );
      for (const d of tools.rows)
        if (d.description?.includes(secret) || d.parameters?.includes(escaped))
          await client.query(`UPDATE "ToolDefinition" SET "description"=$2, "parameters"=$3::jsonb WHERE "id"=$1`, [
            d.id,
            d.description === null ? null : swap(d.description),
            d.parameters === null ? null : JSON.stringify(mapStrings(JSON.parse(d.parameters) as unknown, swap)),
          ]);
      if (rewritten && plan.sourceFile) {
        await mkdir(path.dirname(blobPath(rewritten.sha256)), { recursive: true, mode: 0o700 });
        await rename(rewritten.tmp, blobPath(rewritten.sha256));
        await client.query(`UPDATE "SourceFile" SET "sha256"=$2, "size"=$3, "compressedSize"=$4 WHERE "id"=$1`, [
          plan.sourceFile.id,
          rewritten.sha256,
          rewritten.size,
          rewritten.compressedSize,
        ]);
      }
      await client.query(
        `UPDATE "CurationFinding" SET "purgedAt"=$3, "updatedAt"=now() WHERE "trajectoryId"=$1 AND "secretHash"=$2`,
        [plan.trajectoryId, (await locate(findingId)).f.secretHash, purgedAt],
      );
      await recordAudit(
        {
          projectId: plan.projectId,
          actorId,
          action: "secret.purge",
          targetType: "Trajectory",
          targetId: plan.trajectoryId,
          data: {
            findingId,
            kind: plan.kind,
            stepBodies: bodies.rowCount ?? 0,
            revisionHistories: revisions.rowCount ?? 0,
            annotations: plan.annotations,
            trajectoryFields: plan.trajectoryFields,
            sourceFile: rewritten && plan.sourceFile ? { from: plan.sourceFile.sha256, to: rewritten.sha256 } : null,
          },
        },
        client,
      );
    });
  } catch (e) {
    if (rewritten) {
      await unlink(rewritten.tmp).catch(() => undefined);
      await unlink(blobPath(rewritten.sha256)).catch(() => undefined);
    }
    throw e;
  }
  // The old blob goes once no source row (of any project) names it.
  if (rewritten && plan.sourceFile) {
    const still = await pgPool().query(`SELECT 1 FROM "SourceFile" WHERE "sha256"=$1 LIMIT 1`, [
      plan.sourceFile.sha256,
    ]);
    if (!still.rowCount) await unlink(blobPath(plan.sourceFile.sha256)).catch(() => undefined);
  }
  return { plan, purgedAt: purgedAt.toISOString() };
}

async function rewriteSource(sha256: string, secret: string, placeholder: string) {
  const tmp = await tempPath(".gz");
  const hash = createHash("sha256");
  let size = 0;
  const needles = needlesOf(secret);
  const replacement = Buffer.from(placeholder);
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(
    createReadStream(blobPath(sha256)),
    createGunzip(),
    new ReplacingStream(needles, replacement),
    counter,
    createGzip({ level: 1 }),
    createWriteStream(tmp),
  );
  return { sha256: hash.digest("hex"), size, compressedSize: (await stat(tmp)).size, tmp };
}

/** Replaces every needle in a byte stream, across chunk boundaries (it keeps the last few bytes back). */
class ReplacingStream extends Transform {
  private carry = Buffer.alloc(0);
  private readonly keep: number;

  constructor(
    private readonly needles: Buffer[],
    private readonly replacement: Buffer,
    private readonly onMatch?: () => void,
  ) {
    super();
    this.keep = Math.max(...needles.map((n) => n.length)) - 1;
  }

  _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback) {
    this.emit_(Buffer.concat([this.carry, chunk]), false);
    cb();
  }

  _flush(cb: TransformCallback) {
    this.emit_(this.carry, true);
    cb();
  }

  private emit_(buf: Buffer, final: boolean) {
    const parts: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let at = -1;
      let needle: Buffer | null = null;
      for (const n of this.needles) {
        const i = buf.indexOf(n, pos);
        if (i >= 0 && (at < 0 || i < at)) [at, needle] = [i, n];
      }
      if (at < 0 || !needle) break;
      this.onMatch?.();
      parts.push(buf.subarray(pos, at), this.replacement);
      pos = at + needle.length;
    }
    const limit = final ? buf.length : Math.max(pos, buf.length - this.keep);
    parts.push(buf.subarray(pos, limit));
    this.carry = Buffer.from(buf.subarray(limit));
    this.push(Buffer.concat(parts));
  }
}
