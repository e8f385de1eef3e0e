import { describe, expect, it } from "vitest";
import { openaiResponses } from "@/lib/formats/openai-responses";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const parse = (path: string) => collect(openaiResponses.parse(fileInput(fixturePath(path)), opts));

describe("openai-responses: item list", () => {
  it("recovers calls, outputs, reasoning and human turns with exact counts", async () => {
    const [t] = await parse("openai-responses/items.json");
    expect(t.format).toBe("openai-responses");
    expect(stepCounts(t)).toMatchObject({
      toolCalls: 5,
      toolResults: 5,
      failedResults: 1,
      reasoning: 3,
      hiddenReasoning: 1,
      human: 2,
      assistant: 2,
      system: 1,
      media: 1,
    });
    expect(resultsFollowCalls(t)).toBe(true);
  });

  it("joins by call_id, not by item id", async () => {
    const [t] = await parse("openai-responses/items.json");
    expect(joinIds(t)).toEqual({
      calls: ["call_9a1", "call_9a2", "call_9a3", "call_9a4", "call_9a5"],
      results: ["call_9a1", "call_9a2", "call_9a3", "call_9a4", "call_9a5"],
    });
    expect(stepsOf(t, "tool_call")[0].source?.id).toBe("fc_01");
  });

  it("keeps summaries readable and encrypted-only reasoning hidden with the payload", async () => {
    const [t] = await parse("openai-responses/items.json");
    const [first, second] = stepsOf(t, "reasoning");
    expect(first).toMatchObject({
      hidden: false,
      text: "**Reproducing the failure** Run the test file first to see which cases fail.",
    });
    expect(first.opaque).toMatch(/^gAAAAAB/);
    expect(second).toMatchObject({
      hidden: true,
      text: "",
      opaque: "gAAAAABo1_enc_second_Qm7rT2xV9kL4pN8aB3cD6eF0gH1iJ5",
    });
  });

  it("marks a wrapped output with a non-zero exit code as an error and keeps freeform patch input raw", async () => {
    const [t] = await parse("openai-responses/items.json");
    const failed = stepsOf(t, "tool_result").find((s) => s.isError);
    expect(failed).toMatchObject({
      callId: "call_9a3",
      name: "shell",
      output: "fatal: no such path 'src/timeparse/duration.py' in HEAD\n",
      structured: { metadata: { exit_code: 128, duration_seconds: 0.02 } },
    });
    const patch = stepsOf(t, "tool_call").find((s) => s.name === "apply_patch");
    expect(patch?.arguments).toBeNull();
    expect(patch?.argumentsRaw).toMatch(/^\*\*\* Begin Patch/);
  });

  it("turns the input_image data URL into a placeholder", async () => {
    const [t] = await parse("openai-responses/items.json");
    expect(stepsOf(t, "human")[0].media).toEqual([
      { mime: "image/png", size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(JSON.stringify(t)).not.toContain("base64,");
  });
});

describe("openai-responses: response and request objects", () => {
  it("reads a response: usage, model, created_at as UTC with raw kept, tools", async () => {
    const [t] = await parse("openai-responses/response.json");
    expect(stepCounts(t)).toMatchObject({ toolCalls: 2, toolResults: 0, reasoning: 1, hiddenReasoning: 0 });
    expect(t.usage).toEqual({ input: 3110, output: 164, cacheRead: 2048, reasoning: 96, total: 3274 });
    expect(t.source).toMatchObject({ model: "gpt-5-codex", startedAt: "2025-03-08T23:29:02.000Z" });
    expect(t.steps[0]).toMatchObject({ timestamp: "2025-03-08T23:29:02.000Z", timestampRaw: 1741476542 });
    expect(t.tools).toEqual([expect.objectContaining({ name: "shell" })]);
    // The calls were still pending when the response was logged.
    expect(stepsOf(t, "tool_call").every((s) => s.orphan === true)).toBe(true);
  });

  it("reads a request with instructions and a string input, and a failed response", async () => {
    const req = { model: "gpt-5", instructions: "Be terse.", input: "List files", tools: [] };
    const [a] = await collect(openaiResponses.parse(memoryInput(JSON.stringify(req)), opts));
    expect(a.steps.map((s) => s.kind)).toEqual(["system", "human"]);
    const failed = {
      object: "response",
      status: "failed",
      output: [],
      error: { code: "server_error", message: "boom" },
    };
    const [b] = await collect(openaiResponses.parse(memoryInput(JSON.stringify(failed)), opts));
    expect(b.steps).toEqual([{ kind: "error", text: "boom", code: "server_error", source: { line: 1 } }]);
  });

  it("rejects something that is not Responses data with a located error", async () => {
    await expect(collect(openaiResponses.parse(memoryInput('{"hello":"world"}', "x.json"), opts))).rejects.toThrow(
      /x\.json line 1: expected a Responses API item list/,
    );
  });
});
