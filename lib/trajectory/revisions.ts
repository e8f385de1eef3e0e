/**
 * Saving edits as revisions. The imported original (revision 1) is never modified: a save applies
 * operations to the head, writes new step rows only for new or changed content, and records a new
 * revision listing its steps. Optimistic concurrency: a save names the revision it was made on, and
 * a save on a stale head is refused with what changed since, so no edit is ever lost.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { cleanTextInPlace, hygieneWarnings } from "@/lib/formats/normalize/text-hygiene";
import { RevisionNumber } from "@/lib/trajectory/revision-number";
import { db } from "@/lib/db/client";
import { loadTokenizer } from "@/lib/tokens/registry";
import type { Tokenizer } from "@/lib/tokens/tokenizer";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { statisticsReusingCounts } from "@/lib/trajectory/store/statistics";
import { writeRevision, type RevisionAuthor } from "@/lib/trajectory/store/write-revision";
import {
  applyOps,
  diffRevisions,
  editWarnings,
  RevisionOpSchema,
  type RevisionOp,
  type WorkingStep,
} from "@/lib/trajectory/revision-ops";

export const SaveRevisionSchema = z.object({
  baseNumber: RevisionNumber,
  reason: z.string().trim().min(3, "give a short reason for the edit (3 characters or more)").max(500),
  ops: z.array(RevisionOpSchema).min(1, "no changes to save").max(5000),
});
export const RevertSchema = z.object({
  baseNumber: RevisionNumber,
  reason: z.string().trim().min(3).max(500),
  to: RevisionNumber,
});

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

/** The trajectory's head and what is needed to reuse its stored token counts. */
async function headOf(projectId: string, trajectoryId: string) {
  return findTrajectory(projectId, trajectoryId, {
    headNumber: true,
    tokenizer: true,
    toolDefinitionTokens: true,
    project: { select: { tokenizer: true } },
  });
}

/**
 * Saves `input.ops` on the head as a new revision. Only new or changed steps are tokenized: the
 * others keep their stored counts (when they were counted with the project's tokenizer).
 * `tokenizer` is for tests that observe what is counted; by default the project's.
 */
export async function saveRevision(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof SaveRevisionSchema>,
  actor: RevisionAuthor,
  tokenizer?: Tokenizer,
) {
  const head = await headOf(projectId, trajectoryId);
  if (input.baseNumber !== head.headNumber)
    throw await conflictSince(projectId, trajectoryId, input.baseNumber, head.headNumber);

  const base = await readRevision(projectId, trajectoryId, head.headNumber);
  const working: WorkingStep[] = base.steps.map(({ key, tokens: _t, ...step }, i) => ({
    key,
    rowId: base.rows[i].id,
    version: base.rows[i].version,
    step,
  }));
  // Edited text gets the import's treatment of NUL and unpaired surrogates (visible, with a warning).
  const hygiene = hygieneWarnings(cleanTextInPlace(input.ops));
  const next = applyOps(working, input.ops, () => `n${randomBytes(5).toString("hex")}`);
  const counter = tokenizer ?? (await loadTokenizer(head.project.tokenizer));
  const reuse = head.tokenizer === counter.id;
  const storedTokens = new Map(base.rows.map((r, i) => [r.id, base.steps[i].tokens]));
  const stats = statisticsReusingCounts(
    next.map((s) => ({ step: s.step, tokens: reuse && s.rowId ? (storedTokens.get(s.rowId) ?? null) : null })),
    base.tools,
    reuse ? head.toolDefinitionTokens : null,
    counter,
  );
  // Inserted keys are resolved into the stored ops, so the history names the steps it made.
  const storedOps = input.ops.map((op, i) =>
    op.op === "insert" && !op.key ? { ...op, key: next.find((s) => s.step === op.step)?.key ?? `insert-${i}` } : op,
  );
  const number = await writeRevision({
    projectId,
    trajectoryId,
    base: { number: base.number, id: base.id },
    author: actor,
    reason: input.reason,
    ops: storedOps,
    steps: next,
    stats,
    action: "revision.save",
    reanchor: "changed",
    conflict: (now) => conflictSince(projectId, trajectoryId, input.baseNumber, now),
  });
  return {
    revision: { number, reason: input.reason },
    warnings: [...hygiene, ...editWarnings(next.map((s) => s.step))],
  };
}

/** A new revision equal to an old one (its step rows are reused as they are). */
export async function revertTo(
  projectId: string,
  trajectoryId: string,
  input: z.infer<typeof RevertSchema>,
  actor: RevisionAuthor,
) {
  const head = await headOf(projectId, trajectoryId);
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
  const tokenizer = await loadTokenizer(head.project.tokenizer);
  const reuse = head.tokenizer === tokenizer.id;
  const stats = statisticsReusingCounts(
    target.steps.map((s) => ({ step: s, tokens: reuse ? s.tokens : null })),
    target.tools,
    reuse ? head.toolDefinitionTokens : null,
    tokenizer,
  );
  const number = await writeRevision({
    projectId,
    trajectoryId,
    base: { number: current.number, id: current.id },
    author: actor,
    reason: input.reason,
    ops: [{ op: "revert", to: input.to }],
    steps: target.steps.map(({ key, tokens: _t, ...step }, i) => ({
      key,
      rowId: target.rows[i].id,
      version: target.rows[i].version,
      step,
    })),
    stats,
    action: "revision.revert",
    reanchor: "all",
    conflict: (now) => conflictSince(projectId, trajectoryId, input.baseNumber, now),
  });
  return { revision: { number, reason: input.reason } };
}

export async function listRevisions(projectId: string, trajectoryId: string) {
  await findTrajectory(projectId, trajectoryId, { id: true });
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
