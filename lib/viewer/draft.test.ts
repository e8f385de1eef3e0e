import { describe, expect, it } from "vitest";
import {
  anchorBefore,
  draftDelete,
  draftInsert,
  draftKeys,
  draftMove,
  draftRestore,
  draftRows,
  draftUpdate,
  emptyDraft,
  rebaseDraft,
} from "@/lib/viewer/draft";
import type { ParsedStep } from "@/lib/viewer/types";

const human = (text: string): ParsedStep => ({ kind: "human", text });
const entries = ["s0", "s1", "s2", "s3"].map((key) => ({ key }));

describe("draft operations", () => {
  it("keeps one update per step and drops an edit back to the original", () => {
    let d = draftUpdate(emptyDraft(1), "s1", human("a"), human("orig"));
    d = draftUpdate(d, "s1", human("b"), human("a"));
    expect(d.ops).toEqual([{ op: "update", key: "s1", step: human("b") }]);
    expect(d.originals.s1).toEqual(human("orig"));
    d = draftUpdate(d, "s1", human("orig"), human("b"));
    expect(d.ops).toEqual([]);
    expect(d.originals).toEqual({});
  });

  it("edits an inserted step in place and forgets it when deleted again", () => {
    let d = draftInsert(emptyDraft(1), "s0", human(""), "n1");
    d = draftUpdate(d, "n1", human("note"), human(""));
    expect(d.ops).toEqual([{ op: "insert", after: "s0", step: human("note"), key: "n1" }]);
    d = draftInsert(d, "n1", human("second"), "n2");
    d = draftDelete(d, "n1");
    expect(d.ops).toEqual([{ op: "insert", after: "s0", step: human("second"), key: "n2" }]);
  });

  it("replaces an update by a delete, and restores", () => {
    let d = draftUpdate(emptyDraft(1), "s2", human("x"), human("y"));
    d = draftDelete(d, "s2");
    expect(d.ops).toEqual([{ op: "delete", key: "s2" }]);
    expect(draftRestore(d, "s2").ops).toEqual([]);
  });
});

describe("draftRows", () => {
  it("shows the list as it will be saved, deleted steps in place", () => {
    let d = draftInsert(emptyDraft(1), "s0", human("new"), "n1");
    d = draftDelete(d, "s2");
    d = draftMove(d, "s3", null);
    d = draftUpdate(d, "s1", human("edited"), human("old"));
    const rows = draftRows(entries, d);
    expect(rows.map((r) => [r.key, r.status, r.moved])).toEqual([
      ["s3", "same", true],
      ["s0", "same", false],
      ["n1", "inserted", false],
      ["s1", "updated", false],
      ["s2", "deleted", false],
    ]);
    expect(rows[3].body).toEqual(human("edited"));
    expect(anchorBefore(rows, 5)).toBe("s1");
    expect(anchorBefore(rows, 0)).toBeNull();
    expect(draftKeys(d).sort()).toEqual(["n1", "s1", "s2", "s3"]);
  });

  it("returns the entries untouched without ops", () => {
    expect(draftRows(entries, emptyDraft(1)).every((r) => r.status === "same" && !r.moved)).toBe(true);
  });
});

describe("rebaseDraft", () => {
  it("merges an edit of a step someone else changed, keeping both changes", () => {
    const d = draftUpdate(emptyDraft(2), "s1", human("line one\nline two MINE"), human("line one\nline two"));
    const r = rebaseDraft(d, 3, { s1: human("line one THEIRS\nline two") }, new Set(["s0", "s1"]));
    expect(r.draft.base).toBe(3);
    expect(r.draft.ops).toEqual([{ op: "update", key: "s1", step: human("line one THEIRS\nline two MINE") }]);
    expect(r.merged).toEqual(["s1"]);
    expect(r.conflicts).toEqual([]);
    expect(r.draft.originals.s1).toEqual(human("line one THEIRS\nline two"));
  });

  it("flags a conflict when both changed the same line", () => {
    const d = draftUpdate(emptyDraft(2), "s1", human("mine"), human("base"));
    const r = rebaseDraft(d, 3, { s1: human("theirs") }, new Set(["s1"]));
    expect(r.conflicts).toEqual(["s1"]);
    expect((r.draft.ops[0] as { step: { text: string } }).step.text).toContain("theirs\n=======\nmine");
  });

  it("drops operations on steps that were deleted, and says so", () => {
    let d = draftUpdate(emptyDraft(2), "s1", human("x"), human("y"));
    d = draftInsert(d, "s2", human("after gone"), "n1");
    d = draftDelete(d, "s3");
    const r = rebaseDraft(d, 3, {}, new Set(["s0"]));
    expect(r.draft.ops).toEqual([{ op: "insert", after: null, step: human("after gone"), key: "n1" }]);
    expect(r.dropped).toHaveLength(2);
  });
});
