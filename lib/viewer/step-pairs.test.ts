import { describe, expect, it } from "vitest";
import { stepPairs } from "@/lib/viewer/step-pairs";

const row = (key: string, kind: string, callId: string | null, ordinal: number, toolName: string | null = null) => ({
  key,
  kind,
  callId,
  ordinal,
  entry: { toolName },
});

describe("stepPairs", () => {
  it("points each call at its result and back, and leaves orphans alone", () => {
    const pairs = stepPairs([
      row("s0", "human", null, 1),
      row("s1", "tool_call", "c1", 2, "Bash"),
      row("s2", "tool_call", "c2", 3, "Read"),
      row("s3", "tool_result", "c1", 4),
      row("s4", "tool_result", "c9", 5),
    ]);
    expect(pairs.get("s1")).toEqual({ key: "s3", ordinal: 4, role: "result", toolName: "Bash" });
    expect(pairs.get("s3")).toEqual({ key: "s1", ordinal: 2, role: "call", toolName: "Bash" });
    expect(pairs.has("s2")).toBe(false);
    expect(pairs.has("s4")).toBe(false);
  });
});
