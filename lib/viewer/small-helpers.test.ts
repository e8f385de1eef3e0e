import { describe, expect, it } from "vitest";
import { chunkIds, missingIds } from "@/lib/viewer/chunk-ids";
import { formatArguments, multilineArguments } from "@/lib/viewer/format-arguments";
import { indexAtOffset, outlineOffsets } from "@/lib/viewer/outline-layout";
import { stepHash, stepKeyFromUrl, urlWithStep } from "@/lib/viewer/step-link";
import { tokenBreakdown } from "@/lib/viewer/token-breakdown";
import { withErrorFlag } from "@/lib/viewer/step-text";

describe("chunkIds and missingIds", () => {
  it("splits into request-sized chunks", () => {
    const ids = Array.from({ length: 450 }, (_, i) => `id${i}`);
    expect(chunkIds(ids).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunkIds([])).toEqual([]);
  });

  it("keeps missing ids once, in order", () => {
    expect(missingIds(["a", "b", "a", "c"], (id) => id === "b")).toEqual(["a", "c"]);
  });
});

describe("formatArguments", () => {
  it("pretty-prints parsed arguments and flags raw ones", () => {
    expect(formatArguments({ arguments: { a: 1 } })).toEqual({ text: '{\n  "a": 1\n}', unparsed: false });
    expect(formatArguments({ arguments: null, argumentsRaw: "{bad" })).toEqual({ text: "{bad", unparsed: true });
    expect(formatArguments({ arguments: null })).toEqual({ text: "", unparsed: true });
  });

  it("lists multi-line string arguments", () => {
    expect(multilineArguments({ path: "a.py", content: "x\ny", n: 1 })).toEqual([{ name: "content", value: "x\ny" }]);
    expect(multilineArguments(null)).toEqual([]);
  });
});

describe("outline layout", () => {
  it("sizes bars by tokens with a floor and maps offsets back", () => {
    const off = outlineOffsets([0, 100, 300], 100);
    expect(off[0]).toBe(0);
    expect(off[3]).toBe(100);
    // Floor: a quarter of the average step share (400 / 3 / 4).
    const floor = 400 / 3 / 4;
    expect(off[1]).toBeCloseTo((floor / (400 + 3 * floor)) * 100, 6);
    expect(off[2] - off[1]).toBeGreaterThan(off[1]);
    expect(indexAtOffset(off, -5)).toBe(0);
    expect(indexAtOffset(off, off[1] + 0.01)).toBe(1);
    expect(indexAtOffset(off, 99.9)).toBe(2);
    expect(indexAtOffset(off, 500)).toBe(2);
    expect(indexAtOffset(outlineOffsets([], 100), 1)).toBe(-1);
  });

  it("gives equal bars when there are no tokens", () => {
    const off = outlineOffsets([0, 0], 10);
    expect([...off]).toEqual([0, 5, 10]);
  });
});

describe("step links", () => {
  it("reads the hash, then ?step=, and writes the hash", () => {
    expect(stepKeyFromUrl("#step-s12", "")).toBe("s12");
    expect(stepKeyFromUrl("", "?step=s3")).toBe("s3");
    expect(stepKeyFromUrl("#step-%E0%A4%A", "")).toBeNull();
    expect(stepKeyFromUrl("#other", "")).toBeNull();
    expect(stepHash("a b")).toBe("#step-a%20b");
    expect(urlWithStep("http://h/p/t?step=s1&x=1#old", "s9")).toBe("/p/t?x=1#step-s9");
  });
});

describe("tokenBreakdown", () => {
  it("gives shares of the total in a fixed order", () => {
    const b = tokenBreakdown({
      tokensSystem: 0,
      tokensHuman: 25,
      tokensAssistant: 25,
      tokensReasoning: 0,
      tokensToolCall: 0,
      tokensToolOutput: 50,
    });
    expect(b.map((s) => s.kind)).toEqual(["system", "human", "assistant", "reasoning", "tool_call", "tool_result"]);
    expect(b.map((s) => s.share)).toEqual([0, 0.25, 0.25, 0, 0, 0.5]);
    expect(
      tokenBreakdown({
        tokensSystem: 0,
        tokensHuman: 0,
        tokensAssistant: 0,
        tokensReasoning: 0,
        tokensToolCall: 0,
        tokensToolOutput: 0,
      }).every((s) => s.share === 0),
    ).toBe(true);
  });
});

describe("firstScreenIds", () => {
  const steps = Array.from({ length: 100 }, (_, i) => ({ id: `id${i}`, key: `s${i}` }));
  it("takes the top, or a window around the linked step", async () => {
    const { firstScreenIds } = await import("@/lib/viewer/chunk-ids");
    expect(firstScreenIds(steps, null, 3)).toEqual(["id0", "id1", "id2"]);
    expect(firstScreenIds(steps, "s50", 3)).toEqual(["id42", "id43", "id44"]);
    expect(firstScreenIds(steps, "s50")).toHaveLength(30);
    expect(firstScreenIds(steps, "missing", 2)).toEqual(["id0", "id1"]);
  });
});

describe("withErrorFlag", () => {
  const r = { kind: "tool_result", callId: "c", output: "oops", isError: false, truncated: false } as const;
  it("sets and clears a result's flag as a person's decision", () => {
    const set = withErrorFlag(r, true);
    expect(set).toMatchObject({ isError: true, errorSource: "flagged" });
    expect(withErrorFlag(set, false)).toMatchObject({ isError: false, errorSource: "flagged" });
    expect(withErrorFlag(r, false)).toBe(r);
    const human = { kind: "human", text: "hi" } as const;
    expect(withErrorFlag(human, true)).toBe(human);
  });
});
