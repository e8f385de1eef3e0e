/**
 * Edits as operations on a revision's ordered steps, applied purely in memory: update a step's
 * content, insert a step after another (or first), delete, move. Steps are addressed by their stable
 * key; an operation naming a key that is not there fails with its index, so a stale edit never
 * lands on the wrong step.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { StepKey } from "@/lib/trajectory/revision-number";
import { ParsedStepSchema, type ParsedStep } from "@/lib/trajectory/types";

export const RevisionOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("update"), key: StepKey, step: ParsedStepSchema }),
  z.object({
    op: z.literal("insert"),
    after: StepKey.nullable(),
    step: ParsedStepSchema,
    key: StepKey.optional(),
  }),
  z.object({ op: z.literal("delete"), key: StepKey }),
  z.object({ op: z.literal("move"), key: StepKey, after: StepKey.nullable() }),
]);
export type RevisionOp = z.infer<typeof RevisionOpSchema>;

export interface WorkingStep {
  key: string;
  /** Row id when unchanged from the base revision; null for new or updated content. */
  rowId: string | null;
  version: number;
  step: ParsedStep;
}

const where = (i: number, op: RevisionOp) => `ops.${i} (${op.op})`;

function indexOf(list: WorkingStep[], key: string, i: number, op: RevisionOp): number {
  const at = list.findIndex((s) => s.key === key);
  if (at < 0)
    throw new AppError("VALIDATION", `${where(i, op)}: no step with key "${key}" in this revision`, {
      location: { field: `ops.${i}.key` },
    });
  return at;
}

function insertAfter(list: WorkingStep[], after: string | null, item: WorkingStep, i: number, op: RevisionOp) {
  if (after === null) list.unshift(item);
  else list.splice(indexOf(list, after, i, op) + 1, 0, item);
}

/** Applies `ops` in order; `newKey` makes keys for inserted steps. Returns the new list. */
export function applyOps(
  base: readonly WorkingStep[],
  ops: readonly RevisionOp[],
  newKey: () => string,
): WorkingStep[] {
  const list = [...base];
  ops.forEach((op, i) => {
    switch (op.op) {
      case "update": {
        const at = indexOf(list, op.key, i, op);
        list[at] = { key: op.key, rowId: null, version: list[at].version + 1, step: op.step };
        break;
      }
      case "insert": {
        const key = op.key ?? newKey();
        if (list.some((s) => s.key === key))
          throw new AppError("VALIDATION", `${where(i, op)}: key "${key}" already exists`, {
            location: { field: `ops.${i}.key` },
          });
        insertAfter(list, op.after, { key, rowId: null, version: 1, step: op.step }, i, op);
        break;
      }
      case "delete":
        list.splice(indexOf(list, op.key, i, op), 1);
        break;
      case "move": {
        if (op.after === op.key)
          throw new AppError("VALIDATION", `${where(i, op)}: a step cannot move after itself`, {
            location: { field: `ops.${i}.after` },
          });
        const [item] = list.splice(indexOf(list, op.key, i, op), 1);
        insertAfter(list, op.after, item, i, op);
        break;
      }
    }
  });
  return list;
}

/** Cheap checks on save: warnings, never blocks. */
export function editWarnings(steps: readonly ParsedStep[]): string[] {
  const warnings: string[] = [];
  const calls = new Set<string>();
  const results = new Set<string>();
  steps.forEach((s, i) => {
    if (s.kind === "tool_call") {
      calls.add(s.callId);
      if (s.arguments === null)
        warnings.push(`step ${i + 1} (${s.name}): the tool-call arguments do not parse as a JSON object`);
    } else if (s.kind === "tool_result") results.add(s.callId);
  });
  for (const id of calls) if (!results.has(id)) warnings.push(`tool call ${id} has no result`);
  for (const id of results) if (!calls.has(id)) warnings.push(`tool result ${id} has no matching call`);
  return warnings;
}

export interface DiffEntry {
  key: string;
  change: "updated" | "inserted" | "deleted" | "moved";
  fromIndex: number | null;
  toIndex: number | null;
}

/**
 * What changed between two revisions, by stable key: a different row for the same key is an
 * update; a key only on one side is an insert or delete; a common key outside the longest run of
 * keys kept in order is a move.
 */
export function diffRevisions(
  from: ReadonlyArray<{ key: string; id: string }>,
  to: ReadonlyArray<{ key: string; id: string }>,
): DiffEntry[] {
  const fromAt = new Map(from.map((s, i) => [s.key, i]));
  const toAt = new Map(to.map((s, i) => [s.key, i]));
  const out: DiffEntry[] = [];
  const common = to.filter((s) => fromAt.has(s.key));
  const stay = longestIncreasing(common.map((s) => fromAt.get(s.key)!));
  const staying = new Set(stay.map((i) => common[i].key));
  for (const [i, s] of to.entries()) {
    const f = fromAt.get(s.key);
    if (f === undefined) out.push({ key: s.key, change: "inserted", fromIndex: null, toIndex: i });
    else if (from[f].id !== s.id) out.push({ key: s.key, change: "updated", fromIndex: f, toIndex: i });
    else if (!staying.has(s.key)) out.push({ key: s.key, change: "moved", fromIndex: f, toIndex: i });
  }
  for (const [i, s] of from.entries())
    if (!toAt.has(s.key)) out.push({ key: s.key, change: "deleted", fromIndex: i, toIndex: null });
  return out;
}

/** Indices (into `xs`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(xs: number[]): number[] {
  const tails: number[] = [];
  const prev: number[] = new Array(xs.length).fill(-1);
  for (let i = 0; i < xs.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[tails[mid]] < xs[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(i);
  return out.reverse();
}
