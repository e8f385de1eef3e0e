import { describe, expect, it } from "vitest";
import { hfMessages } from "@/lib/formats/hf-messages";
import { openaiChat } from "@/lib/formats/openai-chat";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const parse = (path: string) => collect(hfMessages.parse(fileInput(fixturePath(path)), opts));

describe("hf-messages: LIMI training format", () => {
  it("reads a JSON array of {tools, messages} samples with exact counts", async () => {
    const [a, b] = await parse("hf-messages/limi.json");
    expect(a.format).toBe("hf-messages");
    expect(stepCounts(a)).toMatchObject({
      toolCalls: 5,
      toolResults: 5,
      // "Error: File not found" has no flag in this format: a detected failure (issue 9, item 4).
      failedResults: 1,
      reasoning: 0,
      human: 2,
      assistant: 5,
      system: 1,
    });
    expect(
      stepsOf(a, "tool_result")
        .filter((r) => r.isError)
        .map((r) => [r.output.slice(0, 21), r.errorSource]),
    ).toEqual([["Error: File not found", "detected"]]);
    expect(stepCounts(b)).toMatchObject({ toolCalls: 3, toolResults: 3, human: 2, assistant: 2, system: 1 });
    expect(a.tools.map((t) => t.name)).toEqual(["run_shell_command", "read_file", "write_file", "replace"]);
  });

  it("keeps dict arguments as objects", async () => {
    const [a] = await parse("hf-messages/limi.json");
    const call = stepsOf(a, "tool_call")[0];
    expect(call).toMatchObject({
      callId: "call_1",
      name: "run_shell_command",
      arguments: { command: "ls -la /workspace/gomoku", description: "List the project directory." },
    });
    expect(call.argumentsRaw).toBeUndefined();
    expect(joinIds(a).results).toEqual(["call_1", "call_2", "call_3", "call_4", "call_5"]);
  });

  it("generates ids for empty call ids and joins results in order", async () => {
    const [, b] = await parse("hf-messages/limi.json");
    expect(joinIds(b)).toEqual({ calls: ["call_0", "call_1", "call_2"], results: ["call_0", "call_1", "call_2"] });
    expect(resultsFollowCalls(b)).toBe(true);
    expect(stepsOf(b, "tool_result")[1]).toMatchObject({
      name: "read_file",
      output: expect.stringContaining("max_retries = 5"),
    });
    expect(b.warnings).toEqual([]);
  });

  it("keeps the user's feedback after tool traffic as a human step", async () => {
    const [a] = await parse("hf-messages/limi.json");
    const i = a.steps.findIndex((s) => s.kind === "human" && s.text.startsWith("The AI doesn't block open fours"));
    expect(a.steps.slice(0, i).filter((s) => s.kind === "tool_result")).toHaveLength(3);
  });
});

describe("hf-messages: TRL JSONL", () => {
  it("reads reasoning_content and thinking, id-less calls joined by name and order", async () => {
    const [a, b] = await parse("hf-messages/trl.jsonl");
    expect(stepCounts(a)).toMatchObject({ toolCalls: 1, toolResults: 1, reasoning: 1, human: 1 });
    expect(stepCounts(b)).toMatchObject({ toolCalls: 3, toolResults: 3, reasoning: 1, human: 2, system: 1 });
    expect(stepsOf(a, "reasoning")[0].text).toBe("3.5 * 60; use the tool as asked.");
    expect(stepsOf(b, "reasoning")[0].text).toBe("Two independent lookups; call both.");
    expect(joinIds(b)).toEqual({ calls: ["call_0", "call_1", "call_2"], results: ["call_0", "call_1", "call_2"] });
    expect(stepsOf(b, "tool_result")[1].output).toBe('{"error": "upstream timeout"}');
  });

  it("parses the same data identically under openai-chat, except for the format name", async () => {
    const hf = await parse("hf-messages/limi.json");
    const chat = await collect(openaiChat.parse(fileInput(fixturePath("hf-messages/limi.json")), opts));
    expect(chat.map((t) => ({ ...t, format: "hf-messages" }))).toEqual(hf);
  });
});
