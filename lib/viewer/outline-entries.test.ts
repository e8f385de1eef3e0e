import { describe, expect, it } from "vitest";
import { outlineEntries } from "@/lib/viewer/outline-entries";

const row = (
  key: string,
  kind: string,
  ordinal: number,
  extra: { tool?: string; error?: boolean; preview?: string; call?: string } = {},
) => ({
  key,
  kind,
  ordinal,
  isError: extra.error ?? false,
  status: "same",
  callId: extra.call ?? null,
  entry: { toolName: extra.tool ?? null, preview: extra.preview ?? "" },
});

describe("outlineEntries", () => {
  it("lists human turns, tool calls, errors and annotated steps with their numbers", () => {
    const entries = outlineEntries(
      [
        row("s0", "human", 1, { preview: "Fix   the\nbuild" }),
        row("s1", "assistant", 2),
        row("s2", "tool_call", 3, { tool: "Bash", call: "c1" }),
        row("s3", "tool_result", 4, { error: true, call: "c1" }),
        row("s4", "assistant", 5),
      ],
      new Map([
        ["s4", 2],
        ["s2", 1],
      ]),
      new Map([["s4", "key-decision"]]),
    );
    expect(entries.map((e) => [e.pos, e.ordinal, e.type, e.label, e.notes])).toEqual([
      [0, 1, "human", "Fix the build", 0],
      [2, 3, "tool", "Bash", 1],
      [3, 4, "error", "Bash failed", 0],
      [4, 5, "annotation", "key-decision", 2],
    ]);
  });
});
