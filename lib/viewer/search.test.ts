import { describe, expect, it } from "vitest";
import { compileSearch, firstHitFrom, matchOffsets, searchItems, stepHit, stepSearchText } from "@/lib/viewer/search";
import type { ParsedStep } from "@/lib/viewer/types";

describe("compileSearch", () => {
  it("escapes plain text and ignores case unless asked", () => {
    const { re } = compileSearch("a.b", { regex: false, caseSensitive: false });
    expect(matchOffsets("A.B axb a.b", re!)).toEqual([0, 8]);
    const cs = compileSearch("A", { regex: false, caseSensitive: true });
    expect(matchOffsets("aAa", cs.re!)).toEqual([1]);
  });

  it("compiles regular expressions and says what is wrong with a broken one", () => {
    expect(matchOffsets("err1 ok err22", compileSearch("err\\d+", { regex: true, caseSensitive: false }).re!)).toEqual([
      0, 8,
    ]);
    const bad = compileSearch("(", { regex: true, caseSensitive: false });
    expect(bad.re).toBeNull();
    expect(bad.error).toMatch(/\(/);
    expect(compileSearch("", { regex: true, caseSensitive: false })).toEqual({ re: null, error: null });
  });
});

describe("matchOffsets", () => {
  it("skips empty matches and still terminates", () => {
    expect(matchOffsets("abc", /x*/g)).toEqual([]);
    expect(matchOffsets("axxb", /x*/g)).toEqual([1]);
  });

  it("honours the limit", () => {
    expect(matchOffsets("aaaa", /a/g, 2)).toEqual([0, 1]);
  });
});

describe("searchItems and navigation", () => {
  const texts = ["no", "foo foo", "bar", "foo"];
  const re = /foo/g;

  it("lists hits in order with counts per position", () => {
    const r = searchItems(texts.length, (i) => texts[i], re);
    expect(r.hits).toEqual([
      { position: 1, occurrence: 0, offset: 0 },
      { position: 1, occurrence: 1, offset: 4 },
      { position: 3, occurrence: 0, offset: 0 },
    ]);
    expect([...r.perPosition]).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect(r.capped).toBe(false);
    expect(searchItems(texts.length, (i) => texts[i], re, 2).capped).toBe(true);
  });

  it("steps through hits with wrap-around and starts from the reader's position", () => {
    expect(stepHit(-1, 3, 1)).toBe(0);
    expect(stepHit(-1, 3, -1)).toBe(2);
    expect(stepHit(2, 3, 1)).toBe(0);
    expect(stepHit(0, 3, -1)).toBe(2);
    expect(stepHit(0, 0, 1)).toBe(-1);
    const hits = searchItems(texts.length, (i) => texts[i], re).hits;
    expect(firstHitFrom(hits, 2)).toBe(2);
    expect(firstHitFrom(hits, 0)).toBe(0);
    expect(firstHitFrom(hits, 4)).toBe(0);
    expect(firstHitFrom([], 0)).toBe(-1);
  });
});

describe("stepSearchText", () => {
  it("searches tool calls by name and pretty arguments, results by output", () => {
    const call: ParsedStep = { kind: "tool_call", callId: "c", name: "bash", arguments: { cmd: "ls" } };
    expect(stepSearchText(call)).toBe('bash\n{\n  "cmd": "ls"\n}');
    expect(stepSearchText({ kind: "tool_result", callId: "c", output: "out", isError: false, truncated: false })).toBe(
      "out",
    );
    expect(stepSearchText({ kind: "assistant", text: "hi" })).toBe("hi");
  });
});
