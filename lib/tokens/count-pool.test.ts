import { describe, expect, it } from "vitest";
import { computeTokenStatsOffThread, countingThread } from "@/lib/tokens/count-pool";
import { getTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats } from "@/lib/tokens/stats";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

const steps: ParsedStep[] = [
  { kind: "system", text: "You are a coding agent." },
  { kind: "human", text: "Fix the failing test in pager.ts, please." },
  { kind: "reasoning", text: "", hidden: true },
  { kind: "tool_call", callId: "c1", name: "read_file", arguments: { path: "src/pager.ts" }, rawArguments: null },
  {
    kind: "tool_result",
    callId: "c1",
    name: "read_file",
    output: "const last = n;\n".repeat(50),
    isError: false,
    truncated: false,
  },
  { kind: "assistant", text: "Fixed: `last` is now `n - 1`." },
] as ParsedStep[];
const tools: ToolDefinition[] = [
  {
    name: "read_file",
    description: "Read a file",
    parameters: { type: "object", properties: { path: { type: "string" } } },
  },
];

describe("token counting in a worker thread", () => {
  it("gives exactly the statistics of counting on this thread, from a worker", async () => {
    const off = await computeTokenStatsOffThread(steps, tools, "o200k_base");
    expect(countingThread()).toBe("workers");
    expect(off).toEqual(computeTokenStats(steps, tools, getTokenizer("o200k_base")));
    expect(off.totals.tokensTotal).toBeGreaterThan(100);
  });

  it("answers many requests at once, each with its own counts", async () => {
    const texts = Array.from(
      { length: 20 },
      (_, i) => [{ kind: "human", text: "word ".repeat(i * 10 + 1) }] as ParsedStep[],
    );
    const all = await Promise.all(texts.map((s) => computeTokenStatsOffThread(s, [], "o200k_base")));
    expect(all.map((s) => s.totals.tokensHuman)).toEqual(
      texts.map((s) => computeTokenStats(s, [], getTokenizer("o200k_base")).totals.tokensHuman),
    );
  });

  it("refuses an unknown tokenizer with its own message, before any work", async () => {
    await expect(computeTokenStatsOffThread(steps, tools, "gpt2")).rejects.toThrow(/Unknown tokenizer "gpt2"/);
  });
});
