/**
 * Saving edits as revisions. The imported original (revision 1) is never modified: a save applies
 * operations to the head, writes new step rows only for new or changed content, and records a new
 * revision listing its steps. Optimistic concurrency: a save names the revision it was made on, and
 * a save on a stale head is refused with what changed since, so no edit is ever lost.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { copyRows } from "@/lib/db/copy-rows";
import { getTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats, type TokenStats } from "@/lib/tokens/stats";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { trajectoryRoom } from "@/lib/live/trajectory-room";
import { readRevision } from "@/lib/trajectory/read-trajectory";
import { STEP_COLUMNS, stepIndexRow } from "@/lib/trajectory/store-trajectory";
import {
  applyOps,
  diffRevisions,
  editWarnings,
  RevisionOpSchema,
  type RevisionOp,
  type WorkingStep,
} from "@/lib/trajectory/revision-ops";
import { reanchorAnnotations } from "@/lib/trajectory/annotation-anchors";

export const SaveRevisionSchema = z.object({
  baseNumber: z.number().int().min(1),
  reason: z.string().trim().min(3, "give a short reason for the edit (3 characters or more)").max(500),
  ops: z.array(RevisionOpSchema).min(1, "no changes to save").max(5000),
});
export const RevertSchema = z.object({
  baseNumber: z.number().int().min(1),
  reason: z.string().trim().min(3).max(500),
  to: z.number().int().min(1),
});

interface Actor {
  id: string;
  name: string;
}

async function conflictSince(projectId: string, trajectoryId: string, base: number, head: number): Promise<AppError> {
  const since = await db().revision.findMany({
    where: { trajectoryId, projectId, number: { gt: base } },
    orderBy: { number: "asc" },
    select: { number: true, reason: true, ops: true, createdAt: true, author: { select: { name: true, email: true } } },
  });
  const by = since
    .map((r) => r.author?.name ?? "someone")
    .filter((v, i, a) => a.indexOf(v) === i)
    .join(", ");
  return new AppError(
    "CONFLICT",
    `this trajectory was updated by ${by} (now revision ${head}, your edit was made on ${base}); review their changes and re-apply yours on top`,
    {
      details: {
        head,
        base,
        revisions: since.map((r) => ({
          number: r.number,
          reason: r.reason,
          author: r.author,
          createdAt: r.createdAt,
          changedKeys: opKeys(r.ops as unknown as RevisionOp[]),
        })),
      },
    },
  );
}

function opKeys(ops: RevisionOp[] | unknown): string[] {
  if (!Array.isArray(ops)) return [];
  return [...new Set(ops.map((o: { key?: string }) => o.key).filter((k): k is string => typeof k === "string"))];
}

async function commitRevision(
  client: pg.PoolClient,
  input: {
    projectId: string;
    trajectoryId: string;
    base: { number: number; id: string };
    actor: Actor;
    reason: string;
    ops: unknown[];
    stepIds: string[];
    stats: TokenStats;
  },
): Promise<number> {
  const number = input.base.number + 1;
  const revisionId = randomUUID();
  const t = input.stats.totals;
  const updated = await client.query(
    `UPDATE "Trajectory" SET "headNumber"=$3, "headRevisionId"=$4, "stepCount"=$5, "tokensTotal"=$6, "tokensSystem"=$7, "tokensHuman"=$8,
       "tokensAssistant"=$9, "tokensReasoning"=$10, "tokensToolCall"=$11, "tokensToolOutput"=$12, "templateOverhead"=$13, "toolDefinitionTokens"=$14,
       "toolCallCount"=$15, "failedToolCallCount"=$16, "humanTurnCount"=$17, "reasoningStepCount"=$18, "updatedAt"=now()
     WHERE "id"=$1 AND "projectId"=$2 AND "headNumber"=$19`,
    [
      input.trajectoryId,
      input.projectId,
      number,
      revisionId,
      input.stepIds.length,
      t.tokensTotal,
      t.tokensSystem,
      t.tokensHuman,
      t.tokensAssistant,
      t.tokensReasoning,
      t.tokensToolCall,
      t.tokensToolOutput,
      t.templateOverheadTokens,
      t.toolDefinitionTokens,
      t.toolCallCount,
      t.failedToolCallCount,
      t.humanTurnCount,
      t.reasoningStepCount,
      input.base.number,
    ],
  );
  if (!updated.rowCount)
    throw await conflictSince(input.projectId, input.trajectoryId, input.base.number, input.base.number + 1);
  await client.query(
    `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","parentId","authorId","reason","ops","stepIds") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [
      revisionId,
      input.projectId,
      input.trajectoryId,
      number,
      input.base.id,
      input.actor.id,
      input.reason,
      JSON.stringify(input.ops),
      input.stepIds,
    ],
  );
  await notifyProjectEvent(client, {
    projectId: input.projectId,
    room: trajectoryRoom(input.trajectoryId),
    event: "trajectory:revised",
    data: { trajectoryId: input.trajectoryId, number, author: input.actor.name, reason: input.reason },
  });
  return number;
}

export async function saveRevision(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof SaveRevisionSchema>,
  actor: Actor,
) {
  const head = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { headNumber: true, project: { select: { tokenizer: true } } },
  });
  if (!head) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  if (input.baseNumber !== head.headNumber)
    throw await conflictSince(projectId, trajectoryId, input.baseNumber, head.headNumber);

  const base = await readRevision(projectId, trajectoryId, head.headNumber);
  const working: WorkingStep[] = base.steps.map(({ key, tokens: _t, ...step }, i) => ({
    key,
    rowId: base.rows[i].id,
    version: base.rows[i].version,
    step,
  }));
  const next = applyOps(working, input.ops, () => `n${randomBytes(5).toString("hex")}`);
  const tokenizer = getTokenizer(head.project.tokenizer);
  const stats = computeTokenStats(
    next.map((s) => s.step),
    base.tools,
    tokenizer,
  );

  const fresh = next.map((s, i) => ({ s, i })).filter(({ s }) => s.rowId === null);
  const ids = new Map(fresh.map(({ i }) => [i, randomUUID()]));
  const stepIds = next.map((s, i) => s.rowId ?? ids.get(i)!);
  // Inserted keys are resolved into the stored ops, so the history names the steps it made.
  const storedOps = input.ops.map((op, i) =>
    op.op === "insert" && !op.key ? { ...op, key: next.find((s) => s.step === op.step)?.key ?? `insert-${i}` } : op,
  );

  const number = await withPgTransaction(async (client) => {
    if (fresh.length) {
      const bodies = fresh.map(({ s }) => JSON.stringify(s.step));
      await copyRows(
        client,
        "Step",
        STEP_COLUMNS,
        fresh.map(({ s, i }, j) =>
          stepIndexRow(
            s.step,
            { id: ids.get(i)!, projectId, trajectoryId, key: s.key, version: s.version, seq: i },
            stats.stepTokens[i],
            Buffer.byteLength(bodies[j]),
          ),
        ),
      );
      await copyRows(
        client,
        "StepBody",
        ["stepId", "data"],
        fresh.map(({ i }, j) => [ids.get(i)!, bodies[j]]),
      );
    }
    const n = await commitRevision(client, {
      projectId,
      trajectoryId,
      base: { number: base.number, id: base.id },
      actor,
      reason: input.reason,
      ops: storedOps,
      stepIds,
      stats,
    });
    await reanchorAnnotations(
      client,
      trajectoryId,
      fresh.map(({ s }) => ({ key: s.key, version: s.version, step: s.step })),
    );
    return n;
  });
  return { revision: { number, reason: input.reason }, warnings: editWarnings(next.map((s) => s.step)) };
}

/** A new revision equal to an old one (its step rows are reused as they are). */
export async function revertTo(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof RevertSchema>,
  actor: Actor,
) {
  const head = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { headNumber: true, project: { select: { tokenizer: true } } },
  });
  if (!head) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  if (input.baseNumber !== head.headNumber)
    throw await conflictSince(projectId, trajectoryId, input.baseNumber, head.headNumber);
  if (input.to >= head.headNumber)
    throw new AppError(
      "VALIDATION",
      `revision ${input.to} is not an earlier revision (the head is ${head.headNumber})`,
      { location: { field: "to" } },
    );
  const [target, current] = await Promise.all([
    readRevision(projectId, trajectoryId, input.to),
    readRevision(projectId, trajectoryId, head.headNumber),
  ]);
  const stats = computeTokenStats(target.steps, target.tools, getTokenizer(head.project.tokenizer));
  const number = await withPgTransaction(async (client) => {
    const n = await commitRevision(client, {
      projectId,
      trajectoryId,
      base: { number: current.number, id: current.id },
      actor,
      reason: input.reason,
      ops: [{ op: "revert", to: input.to }],
      stepIds: target.rows.map((r) => r.id),
      stats,
    });
    await reanchorAnnotations(
      client,
      trajectoryId,
      target.steps.map((s, i) => ({ key: s.key, version: target.rows[i].version, step: s })),
    );
    return n;
  });
  return { revision: { number, reason: input.reason } };
}

export async function listRevisions(projectId: string, trajectoryId: string) {
  const rows = await db().revision.findMany({
    where: { trajectoryId, projectId },
    orderBy: { number: "desc" },
    select: {
      number: true,
      reason: true,
      ops: true,
      createdAt: true,
      stepIds: true,
      author: { select: { name: true, email: true } },
    },
  });
  return rows.map(({ ops, stepIds, ...r }) => {
    const list = Array.isArray(ops) ? (ops as Array<{ op: string }>) : [];
    const count = (k: string) => list.filter((o) => o.op === k).length;
    return {
      ...r,
      steps: stepIds.length,
      ops: {
        updated: count("update"),
        inserted: count("insert"),
        deleted: count("delete"),
        moved: count("move"),
        revertedTo: (list.find((o) => o.op === "revert") as { to?: number } | undefined)?.to ?? null,
      },
    };
  });
}

/** Changed steps between two revisions, with both sides' content for the diff editor. */
export async function diffTrajectoryRevisions(projectId: string, trajectoryId: string, from: number, to: number) {
  const [a, b] = await Promise.all([
    readRevision(projectId, trajectoryId, from),
    readRevision(projectId, trajectoryId, to),
  ]);
  const entries = diffRevisions(
    a.steps.map((s, i) => ({ key: s.key, id: a.rows[i].id })),
    b.steps.map((s, i) => ({ key: s.key, id: b.rows[i].id })),
  );
  const strip = ({ key: _k, tokens: _t, ...step }: (typeof a.steps)[number]) => step;
  return {
    from,
    to,
    summary: {
      updated: entries.filter((e) => e.change === "updated").length,
      inserted: entries.filter((e) => e.change === "inserted").length,
      deleted: entries.filter((e) => e.change === "deleted").length,
      moved: entries.filter((e) => e.change === "moved").length,
    },
    changes: entries.map((e) => ({
      ...e,
      before: e.fromIndex === null ? null : strip(a.steps[e.fromIndex]),
      after: e.toIndex === null ? null : strip(b.steps[e.toIndex]),
    })),
  };
}
