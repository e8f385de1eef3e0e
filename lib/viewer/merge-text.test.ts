import { describe, expect, it } from "vitest";
import { hasConflictMarkers, lineHunks, mergeText } from "@/lib/viewer/merge-text";

const L = (...lines: string[]) => lines.join("\n");

describe("lineHunks", () => {
  it("finds a replaced, an inserted and a deleted line", () => {
    expect(lineHunks(["a", "b", "c"], ["a", "B", "c"])).toEqual([
      { baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 2 },
    ]);
    expect(lineHunks(["a", "c"], ["a", "b", "c"])).toEqual([{ baseStart: 1, baseEnd: 1, sideStart: 1, sideEnd: 2 }]);
    expect(lineHunks(["a", "b", "c"], ["a", "c"])).toEqual([{ baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 1 }]);
    expect(lineHunks(["x"], ["x"])).toEqual([]);
  });

  it("finds separate hunks in the middle", () => {
    expect(lineHunks(["a", "b", "c", "d", "e"], ["a", "B", "c", "D", "e"])).toEqual([
      { baseStart: 1, baseEnd: 2, sideStart: 1, sideEnd: 2 },
      { baseStart: 3, baseEnd: 4, sideStart: 3, sideEnd: 4 },
    ]);
  });
});

describe("mergeText", () => {
  const base = L("one", "two", "three", "four", "five");

  it("keeps both sides' changes to different lines", () => {
    const theirs = L("ONE", "two", "three", "four", "five");
    const yours = L("one", "two", "three", "four", "FIVE");
    expect(mergeText(base, theirs, yours)).toEqual({ text: L("ONE", "two", "three", "four", "FIVE"), conflicts: 0 });
  });

  it("keeps insertions and deletions from both sides", () => {
    const theirs = L("zero", "one", "two", "three", "four", "five");
    const yours = L("one", "two", "four", "five", "six");
    expect(mergeText(base, theirs, yours)).toEqual({
      text: L("zero", "one", "two", "four", "five", "six"),
      conflicts: 0,
    });
  });

  it("marks lines both changed differently as a conflict holding both versions", () => {
    const theirs = L("one", "TWO (theirs)", "three", "four", "five");
    const yours = L("one", "two (yours)", "three", "four", "five");
    const r = mergeText(base, theirs, yours);
    expect(r.conflicts).toBe(1);
    expect(r.text).toBe(
      L("one", "<<<<<<< theirs", "TWO (theirs)", "=======", "two (yours)", ">>>>>>> yours", "three", "four", "five"),
    );
    expect(hasConflictMarkers(r.text)).toBe(true);
  });

  it("takes an identical change once", () => {
    const same = L("one", "2", "three", "four", "five");
    expect(mergeText(base, same, L("one", "2", "three", "four", "FIVE"))).toEqual({
      text: L("one", "2", "three", "four", "FIVE"),
      conflicts: 0,
    });
  });

  it("returns the other side when one side did not change", () => {
    expect(mergeText(base, base, "mine")).toEqual({ text: "mine", conflicts: 0 });
    expect(mergeText(base, "theirs", base)).toEqual({ text: "theirs", conflicts: 0 });
  });

  it("treats two insertions at the same place as a conflict", () => {
    const r = mergeText(L("a", "b"), L("a", "t", "b"), L("a", "y", "b"));
    expect(r.conflicts).toBe(1);
    expect(r.text).toContain("t\n=======\ny");
  });

  it("does not see markers in ordinary text", () => {
    expect(hasConflictMarkers("a ======= b")).toBe(false);
  });
});
