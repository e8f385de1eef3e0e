import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { o200k } from "@/lib/tokens/o200k";
import { computeTokenStats, estimatedPromptTokens, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE } from "@/lib/tokens/stats";
import type { Tokenizer } from "@/lib/tokens/tokenizer";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

// Expected values come straight from gpt-tokenizer, never from the code under test.
const n = (text: string) => encode(text).length;

const SYSTEM = "You are a coding agent. Be concise.";
const ASK = "Please list the files in the repo and fix the failing test.";
const ASK_MORE = "Also update the README.";
const THINK = "I should look at the directory first.";
const SAY = "Let me look at the repository.";
const OUTPUT = "README.md\nsrc/\ntest/\npackage.json";
const ERR_OUTPUT = "cat: nope.txt: No such file or directory";
const DONE = "Fixed the test and updated the README.";

const steps: ParsedStep[] = [
  { kind: "system", text: SYSTEM },
  { kind: "meta", subtype: "environment", text: "<env>cwd=/repo</env>" },
  { kind: "human", text: ASK },
  { kind: "human", text: ASK_MORE }, // same turn: split into two steps by the source
  { kind: "reasoning", text: THINK, hidden: false },
  { kind: "reasoning", text: "", hidden: true, opaque: "c2lnbmF0dXJlLWJ5dGVz" },
  { kind: "assistant", text: SAY },
  { kind: "tool_call", callId: "c1", name: "Bash", arguments: { command: "ls" } },
  { kind: "tool_result", callId: "c1", output: OUTPUT, isError: false, truncated: false },
  { kind: "tool_call", callId: "c2", name: "Bash", arguments: null, argumentsRaw: "{cat nope.txt" },
  { kind: "tool_result", callId: "c2", output: ERR_OUTPUT, isError: true, truncated: false },
  { kind: "human", text: "Subagent: search for tests", sidechain: true },
  { kind: "assistant", text: "Found test/a.test.ts", sidechain: true },
  { kind: "error", text: "rate limited, retrying" },
  { kind: "human", text: "thanks" },
  { kind: "assistant", text: DONE },
];

const tools: ToolDefinition[] = [
  {
    name: "Bash",
    description: "Run a shell command",
    parameters: { type: "object", properties: { command: { type: "string" } }, required: ["command"] },
  },
  { name: "Read", parameters: { type: "object", properties: { path: { type: "string" } } } },
];

describe("computeTokenStats", () => {
  const stats = computeTokenStats(steps, tools, o200k);

  it("counts every step, aligned with the input", () => {
    expect(stats.tokenizer).toBe("o200k_base");
    expect(stats.stepTokens).toEqual([
      n(SYSTEM),
      n("<env>cwd=/repo</env>"),
      n(ASK),
      n(ASK_MORE),
      n(THINK),
      0,
      n(SAY),
      n('Bash\n{"command":"ls"}'),
      n(OUTPUT),
      n("Bash\n{cat nope.txt"),
      n(ERR_OUTPUT),
      n("Subagent: search for tests"),
      n("Found test/a.test.ts"),
      n("rate limited, retrying"),
      n("thanks"),
      n(DONE),
    ]);
  });

  it("sums the role buckets by step kind, and they add up to the total", () => {
    const t = stats.totals;
    expect(t.tokensSystem).toBe(n(SYSTEM));
    expect(t.tokensHuman).toBe(n(ASK) + n(ASK_MORE) + n("Subagent: search for tests") + n("thanks"));
    expect(t.tokensAssistant).toBe(n(SAY) + n("Found test/a.test.ts") + n(DONE));
    expect(t.tokensReasoning).toBe(n(THINK));
    expect(t.tokensToolCall).toBe(n('Bash\n{"command":"ls"}') + n("Bash\n{cat nope.txt"));
    expect(t.tokensToolOutput).toBe(n(OUTPUT) + n(ERR_OUTPUT));
    expect(t.tokensOther).toBe(n("<env>cwd=/repo</env>") + n("rate limited, retrying"));
    const sumOfSteps = stats.stepTokens.reduce((a, b) => a + b, 0);
    expect(t.tokensTotal).toBe(sumOfSteps);
    expect(
      t.tokensSystem +
        t.tokensHuman +
        t.tokensAssistant +
        t.tokensReasoning +
        t.tokensToolCall +
        t.tokensToolOutput +
        t.tokensOther,
    ).toBe(t.tokensTotal);
  });

  it("counts calls, failures, turns and reasoning steps", () => {
    expect(stats.totals.toolCallCount).toBe(2);
    expect(stats.totals.failedToolCallCount).toBe(1);
    // ASK + ASK_MORE are one turn, the sidechain prompt is not a human turn, "thanks" is the second.
    expect(stats.totals.humanTurnCount).toBe(2);
    expect(stats.totals.reasoningStepCount).toBe(2);
  });

  it("counts each tool definition as its JSON", () => {
    expect(stats.totals.toolDefinitionTokens).toBe(n(JSON.stringify(tools[0])) + n(JSON.stringify(tools[1])));
  });

  it("estimates template overhead per rendered message plus reply priming", () => {
    expect(TOKENS_PER_MESSAGE).toBe(3);
    expect(REPLY_PRIMING_TOKENS).toBe(3);
    // system 1, human 4, readable reasoning 1, assistant 3, tool calls 2, tool results 2 = 13 messages;
    // hidden empty reasoning, meta and error steps render nothing.
    expect(stats.totals.templateOverheadTokens).toBe(13 * 3 + 3);
    expect(estimatedPromptTokens(stats.totals)).toBe(
      stats.totals.tokensTotal + stats.totals.toolDefinitionTokens + 13 * 3 + 3,
    );
  });

  it("returns zeros for an empty trajectory", () => {
    const empty = computeTokenStats([], [], o200k);
    expect(empty.stepTokens).toEqual([]);
    expect(Object.values(empty.totals).every((v) => v === 0)).toBe(true);
  });

  it("counts with whichever tokenizer it is given, skipping empty texts", () => {
    const seen: string[] = [];
    const byChars: Tokenizer = { id: "chars", count: (s) => (seen.push(s), s.length) };
    const s = computeTokenStats(
      [
        { kind: "human", text: "abc" },
        { kind: "assistant", text: "" },
        { kind: "tool_result", callId: "x", output: "12345", isError: true, truncated: true, orphan: true },
      ],
      [{ name: "T" }],
      byChars,
    );
    expect(s.tokenizer).toBe("chars");
    expect(s.stepTokens).toEqual([3, 0, 5]);
    expect(seen).toEqual(["abc", "12345", '{"name":"T"}']);
    expect(s.totals.toolDefinitionTokens).toBe(12);
    expect(s.totals.failedToolCallCount).toBe(1);
    expect(s.totals.humanTurnCount).toBe(1);
  });
});
