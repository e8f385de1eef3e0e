/**
 * An unsaved edit: the revision operations a person has made so far on a base revision, kept
 * compact (one update per step, an inserted step edited in place, an inserted step deleted again
 * simply removed), and how the step list looks with them applied. Deleted steps stay visible,
 * struck through, until the save; operations never name a deleted step as their anchor, so the
 * server applies them exactly as the browser showed them.
 */
import type { RevisionOp } from "@/lib/trajectory/revision-ops";
import type { ParsedStep } from "@/lib/viewer/types";
import { editableText, withEditedText } from "@/lib/viewer/step-text";
import { mergeText } from "@/lib/viewer/merge-text";

export interface Draft {
  base: number;
  ops: RevisionOp[];
  /** The base revision's body of each updated step, for diffs and for merging on a conflict. */
  originals: Record<string, ParsedStep>;
}

export const emptyDraft = (base: number): Draft => ({ base, ops: [], originals: {} });

const isInserted = (d: Draft, key: string) => d.ops.some((o) => o.op === "insert" && o.key === key);

export function draftUpdate(d: Draft, key: string, step: ParsedStep, original: ParsedStep): Draft {
  if (isInserted(d, key))
    return { ...d, ops: d.ops.map((o) => (o.op === "insert" && o.key === key ? { ...o, step } : o)) };
  const ops = d.ops.filter((o) => !(o.op === "update" && o.key === key));
  const originals = { ...d.originals, [key]: d.originals[key] ?? original };
  // Editing a step back to what it was is no change at all.
  if (JSON.stringify(step) === JSON.stringify(originals[key])) {
    const { [key]: _gone, ...rest } = originals;
    return { ...d, ops, originals: rest };
  }
  return { ...d, ops: [...ops, { op: "update", key, step }], originals };
}

export function draftInsert(d: Draft, after: string | null, step: ParsedStep, key: string): Draft {
  return { ...d, ops: [...d.ops, { op: "insert", after, step, key }] };
}

export function draftDelete(d: Draft, key: string): Draft {
  if (isInserted(d, key)) {
    const insert = d.ops.find((o) => o.op === "insert" && o.key === key) as Extract<RevisionOp, { op: "insert" }>;
    // Whatever was anchored after the dropped step is anchored where that step was.
    const ops = d.ops
      .filter((o) => !("key" in o && o.key === key))
      .map((o) => ((o.op === "insert" || o.op === "move") && o.after === key ? { ...o, after: insert.after } : o));
    return { ...d, ops };
  }
  const ops = d.ops.filter((o) => !(o.op === "update" && o.key === key));
  const { [key]: _gone, ...originals } = d.originals;
  return { ...d, ops: [...ops, { op: "delete", key }], originals };
}

export function draftRestore(d: Draft, key: string): Draft {
  return { ...d, ops: d.ops.filter((o) => !(o.op === "delete" && o.key === key)) };
}

export function draftMove(d: Draft, key: string, after: string | null): Draft {
  return { ...d, ops: [...d.ops, { op: "move", key, after }] };
}

export interface DraftRow<E> {
  key: string;
  /** The saved step's index entry; null for a step inserted in this draft. */
  entry: E | null;
  /** The draft's body when the step was inserted or edited. */
  body: ParsedStep | null;
  status: "same" | "updated" | "inserted" | "deleted";
  moved: boolean;
}

/** The step list as it will be once the draft is saved (deleted steps kept in place, flagged). */
export function draftRows<E extends { key: string }>(entries: readonly E[], d: Draft): DraftRow<E>[] {
  const rows: DraftRow<E>[] = entries.map((entry) => ({
    key: entry.key,
    entry,
    body: null,
    status: "same",
    moved: false,
  }));
  if (d.ops.length === 0) return rows;
  const at = (key: string) => rows.findIndex((r) => r.key === key);
  const place = (after: string | null, row: DraftRow<E>) => {
    const i = after === null ? -1 : at(after);
    rows.splice(i + 1, 0, row);
  };
  for (const op of d.ops) {
    if (op.op === "insert")
      place(op.after, { key: op.key ?? "", entry: null, body: op.step, status: "inserted", moved: false });
    else {
      const i = at(op.key);
      if (i < 0) continue;
      if (op.op === "update")
        rows[i] = { ...rows[i], body: op.step, status: rows[i].status === "inserted" ? "inserted" : "updated" };
      else if (op.op === "delete") rows[i] = { ...rows[i], status: "deleted" };
      else {
        const [row] = rows.splice(i, 1);
        place(op.after, { ...row, moved: true });
      }
    }
  }
  return rows;
}

/** The nearest step before position `i` that is not deleted in the draft: where an insert or move anchors. */
export function anchorBefore<E>(rows: readonly DraftRow<E>[], i: number): string | null {
  for (let j = i - 1; j >= 0; j--) if (rows[j].status !== "deleted") return rows[j].key;
  return null;
}

export function draftKeys(d: Draft): string[] {
  return [...new Set(d.ops.flatMap((o) => ("key" in o && o.key ? [o.key] : [])))];
}

export interface Rebased {
  draft: Draft;
  /** Steps whose text both sides changed on the same lines: they hold conflict markers. */
  conflicts: string[];
  /** Operations that could not be re-applied, said in words. */
  dropped: string[];
  /** Steps merged with someone else's change to them. */
  merged: string[];
}

/**
 * The draft re-applied on a newer head. `theirs` gives the head's body of every step the draft
 * updates (absent when they deleted it); `headKeys` are the head's step keys. Edits of a step
 * someone else changed are merged line by line into their version.
 */
export function rebaseDraft(
  d: Draft,
  newBase: number,
  theirs: Record<string, ParsedStep | undefined>,
  headKeys: ReadonlySet<string>,
): Rebased {
  const out: Rebased = { draft: { base: newBase, ops: [], originals: {} }, conflicts: [], dropped: [], merged: [] };
  const inserted = new Set<string>();
  const live = (k: string | null) => k === null || headKeys.has(k) || inserted.has(k);
  for (const op of d.ops) {
    if (op.op === "insert") {
      const after = live(op.after) ? op.after : null;
      if (after !== op.after)
        out.dropped.push(`a step you inserted now comes first (the step it followed was deleted)`);
      out.draft.ops.push({ ...op, after });
      if (op.key) inserted.add(op.key);
      continue;
    }
    if (!live(op.key)) {
      if (op.op !== "delete") out.dropped.push(`your ${op.op} of a step someone deleted`);
      continue;
    }
    if (op.op === "update") {
      const base = d.originals[op.key];
      const head = theirs[op.key];
      if (!head || !base) {
        out.draft.ops.push(op);
        if (base) out.draft.originals[op.key] = base;
        continue;
      }
      out.draft.originals[op.key] = head;
      if (JSON.stringify(head) === JSON.stringify(base)) {
        out.draft.ops.push(op);
        continue;
      }
      const m = mergeText(editableText(base), editableText(head), editableText(op.step));
      out.merged.push(op.key);
      if (m.conflicts) out.conflicts.push(op.key);
      // Their version of the step (flags, ids) with the merged text.
      out.draft.ops.push({
        op: "update",
        key: op.key,
        step: withEditedText(head.kind === op.step.kind ? head : op.step, m.text),
      });
      continue;
    }
    if (op.op === "move" && !live(op.after)) {
      out.draft.ops.push({ ...op, after: null });
      out.dropped.push(`step ${op.key} moves to the top: the step it followed was deleted`);
      continue;
    }
    out.draft.ops.push(op);
  }
  return out;
}
