import { describe, expect, it } from "vitest";
import { applyOps, diffRevisions, editWarnings, type WorkingStep } from "@/lib/trajectory/revision-ops";
import type { ParsedStep } from "@/lib/trajectory/types";

const text = (t: string): ParsedStep => ({ kind: "assistant", text: t });
const base: WorkingStep[] = ["a", "b", "c", "d"].map((k, i) => ({ key: k, rowId: `r${i}`, version: 1, step: text(k) }));
let n = 0;
const newKey = () => `n${++n}`;
const keys = (l: WorkingStep[]) => l.map((s) => s.key);

describe("applyOps", () => {
  it("updates, inserts, deletes and moves by key, in order", () => {
    const out = applyOps(
      base,
      [
        { op: "update", key: "b", step: text("B!") },
        { op: "insert", after: null, step: { kind: "human", text: "note" }, key: "h1" },
        { op: "delete", key: "c" },
        { op: "move", key: "a", after: "d" },
      ],
      newKey,
    );
    expect(keys(out)).toEqual(["h1", "b", "d", "a"]);
    expect(out[1]).toMatchObject({ rowId: null, version: 2, step: { text: "B!" } });
    expect(out[2].rowId).toBe("r3");
  });

  it("names the operation and the missing key", () => {
    expect(() => applyOps(base, [{ op: "delete", key: "zz" }], newKey)).toThrow(
      'ops.0 (delete): no step with key "zz" in this revision',
    );
    expect(() => applyOps(base, [{ op: "insert", after: "a", step: text("x"), key: "b" }], newKey)).toThrow(
      'ops.0 (insert): key "b" already exists',
    );
    expect(() => applyOps(base, [{ op: "move", key: "a", after: "a" }], newKey)).toThrow("cannot move after itself");
  });
});

describe("diffRevisions", () => {
  it("finds updates, inserts, deletes and only the steps that really moved", () => {
    const from = ["a", "b", "c", "d", "e"].map((k) => ({ key: k, id: k }));
    const to = [
      { key: "a", id: "a" },
      { key: "c", id: "c" },
      { key: "d", id: "d2" },
      { key: "b", id: "b" },
      { key: "x", id: "x" },
    ];
    const d = diffRevisions(from, to);
    expect(d).toEqual([
      { key: "d", change: "updated", fromIndex: 3, toIndex: 2 },
      { key: "b", change: "moved", fromIndex: 1, toIndex: 3 },
      { key: "x", change: "inserted", fromIndex: null, toIndex: 4 },
      { key: "e", change: "deleted", fromIndex: 4, toIndex: null },
    ]);
  });

  it("is empty for the same revision", () => {
    const r = ["a", "b"].map((k) => ({ key: k, id: k }));
    expect(diffRevisions(r, r)).toEqual([]);
  });
});

describe("editWarnings", () => {
  it("warns about unparseable arguments and unmatched ids", () => {
    const w = editWarnings([
      { kind: "tool_call", callId: "c1", name: "sh", arguments: null, argumentsRaw: "{bad" },
      { kind: "tool_result", callId: "c2", output: "", isError: false, truncated: false },
    ]);
    expect(w).toEqual([
      "step 1 (sh): the tool-call arguments do not parse as a JSON object",
      "tool call c1 has no result",
      "tool result c2 has no matching call",
    ]);
  });
});
