/**
 * Reads a revision of a trajectory back into the canonical model, in order, with each step's
 * stable key and token count: whole (`readRevision`, for edits and diffs of one trajectory) or as
 * a stream of steps read a batch at a time (`streamRevisionSteps`, for the canonical JSON and
 * export), so a trajectory of hundreds of MB is never held in memory whole.
 */
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import type { CanonicalStep, ParsedStep, ToolDefinition } from "@/lib/trajectory/types";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";

export interface RevisionContent {
  number: number;
  /** The Revision row's id. */
  id: string;
  tools: ToolDefinition[];
  steps: CanonicalStep[];
  /** Step row ids and versions, aligned with `steps`. */
  rows: Array<{ id: string; version: number }>;
}

export interface PinnedRevision {
  trajectoryId: string;
  number: number;
  /** The Revision row's id. */
  id: string;
  /** Ordered step row ids. */
  stepIds: string[];
}

/** The revision `number` (the head when absent) of a trajectory of the project, or NOT_FOUND. */
export async function pinRevision(
  projectId: string,
  trajectoryId: string,
  revisionNumber?: number,
): Promise<PinnedRevision> {
  const t = await findTrajectory(projectId, trajectoryId, { headNumber: true });
  const number = revisionNumber ?? t.headNumber;
  const revision = await db().revision.findUnique({
    where: { trajectoryId_number: { trajectoryId, number } },
    select: { id: true, stepIds: true },
  });
  if (!revision)
    throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} has no revision ${number}`, {
      location: { field: "revision" },
    });
  return { trajectoryId, number, id: revision.id, stepIds: revision.stepIds };
}

export async function readTools(trajectoryId: string): Promise<ToolDefinition[]> {
  const tools = await db().toolDefinition.findMany({
    where: { trajectoryId },
    orderBy: { position: "asc" },
    select: { name: true, description: true, parameters: true },
  });
  return tools.map((x) => ({
    name: x.name,
    ...(x.description !== null ? { description: x.description } : {}),
    ...(x.parameters ? { parameters: x.parameters as Record<string, unknown> } : {}),
  }));
}

interface StepRow {
  id: string;
  key: string;
  version: number;
  tokens: number;
  step: CanonicalStep;
}

async function readStepRows(pinned: PinnedRevision, ids: readonly string[]): Promise<StepRow[]> {
  const rows = await db().step.findMany({
    where: { id: { in: [...ids] }, trajectoryId: pinned.trajectoryId },
    select: { id: true, key: true, version: true, tokens: true, body: { select: { data: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r?.body) throw new AppError("INTERNAL", `step ${id} of revision ${pinned.number} is missing`);
    const step = { ...(r.body.data as unknown as ParsedStep), key: r.key, tokens: r.tokens } as CanonicalStep;
    return { id: r.id, key: r.key, version: r.version, tokens: r.tokens, step };
  });
}

/** Rows per read of a stream, and the body bytes one read may hold (one larger step is read alone). */
export const STREAM_BATCH = 200;
const STREAM_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * Responses read smaller batches: several may stream at once, and each batch arrives as one
 * query result the thread decodes between other requests.
 */
const RESPONSE_BATCH_BYTES = 2 * 1024 * 1024;

/** `ids` in order, cut into reads of at most `rows` rows and about `maxBytes` of bodies. */
async function* batchesOf(
  trajectoryId: string,
  ids: readonly string[],
  rows: number,
  maxBytes = STREAM_BATCH_BYTES,
): AsyncGenerator<string[]> {
  const sizes = await db().step.findMany({
    where: { id: { in: [...ids] }, trajectoryId },
    select: { id: true, bodyBytes: true },
  });
  const size = new Map(sizes.map((r) => [r.id, r.bodyBytes]));
  let batch: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const n = size.get(id) ?? 0;
    if (batch.length && (batch.length >= rows || bytes + n > maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(id);
    bytes += n;
  }
  if (batch.length) yield batch;
}

/**
 * The canonical steps of a pinned revision, in order, read a batch at a time (at most `batch` rows
 * and a few MB of bodies): memory holds one batch, whatever the size of the trajectory.
 */
export async function* streamRevisionSteps(
  pinned: PinnedRevision,
  batch = STREAM_BATCH,
): AsyncGenerator<CanonicalStep> {
  for await (const ids of batchesOf(pinned.trajectoryId, pinned.stepIds, batch)) {
    for (const row of await readStepRows(pinned, ids)) yield row.step;
  }
}

/** The stored body bytes of the given step rows of this trajectory: what streaming them will cost. */
export async function bodyBytesOf(trajectoryId: string, ids: readonly string[]): Promise<number> {
  const { rows } = await pgPool().query<{ bytes: string | null }>(
    `SELECT sum("bodyBytes")::bigint::text AS "bytes" FROM "Step" WHERE "id" = ANY($1) AND "trajectoryId" = $2`,
    [ids, trajectoryId],
  );
  return Number(rows[0]?.bytes ?? 0);
}

/** Bodies as stored (jsonb as text), by step id, in the order of `ids`; ids not in the trajectory are skipped. */
async function* rawBodies(
  trajectoryId: string,
  ids: readonly string[],
): AsyncGenerator<{ id: string; key: string; tokens: number; data: string }> {
  let first = true;
  for await (const batch of batchesOf(trajectoryId, ids, STREAM_BATCH, RESPONSE_BATCH_BYTES)) {
    // A turn of the event loop between batches: a fast reader never holds the thread for long.
    if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
    first = false;
    const { rows } = await pgPool().query<{ id: string; key: string; tokens: number; data: string }>(
      `SELECT s."id", s."key", s."tokens", b."data"::text AS "data" FROM "Step" s JOIN "StepBody" b ON b."stepId" = s."id"
       WHERE s."id" = ANY($1) AND s."trajectoryId" = $2`,
      [batch, trajectoryId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of batch) {
      const r = byId.get(id);
      if (r) yield r;
    }
  }
}

/**
 * The canonical steps of a pinned revision as JSON text, one step at a time (in pieces), for responses: the
 * stored body is passed through as text (never parsed and serialised again), with the step's key
 * and token count put in front.
 */
export async function* streamRevisionStepsJson(pinned: PinnedRevision): AsyncGenerator<readonly string[]> {
  let n = 0;
  for await (const r of rawBodies(pinned.trajectoryId, pinned.stepIds)) {
    n++;
    const rest = r.data.trim().slice(1).trimStart();
    // A step as two pieces: joined, a body of many MB would be copied into one new string.
    yield [`{"key":${JSON.stringify(r.key)},"tokens":${r.tokens}${rest === "}" ? "" : ","}`, rest];
  }
  if (n !== pinned.stepIds.length)
    throw new AppError("INTERNAL", `revision ${pinned.number} lists ${pinned.stepIds.length} steps, ${n} were found`);
}

/** [step id, body JSON text] of the given step rows of this trajectory (others are simply absent). */
export async function* streamStepBodiesJson(
  trajectoryId: string,
  ids: readonly string[],
): AsyncGenerator<[string, string]> {
  for await (const r of rawBodies(trajectoryId, ids)) yield [r.id, r.data];
}

export async function readRevision(
  projectId: string,
  trajectoryId: string,
  revisionNumber?: number,
): Promise<RevisionContent> {
  const pinned = await pinRevision(projectId, trajectoryId, revisionNumber);
  const [rows, tools] = await Promise.all([readStepRows(pinned, pinned.stepIds), readTools(trajectoryId)]);
  return {
    number: pinned.number,
    id: pinned.id,
    rows: rows.map((r) => ({ id: r.id, version: r.version })),
    tools,
    steps: rows.map((r) => r.step),
  };
}
