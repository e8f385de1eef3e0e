import { describe, expect, it } from "vitest";
import { openaiChat } from "@/lib/formats/openai-chat";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const parse = (path: string) => collect(openaiChat.parse(fileInput(fixturePath(path)), opts));

describe("openai-chat: request body with the response appended", () => {
  it("recovers calls, results, reasoning from every vendor field, and human turns", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    expect(t.format).toBe("openai-chat");
    expect(stepCounts(t)).toMatchObject({
      toolCalls: 6,
      toolResults: 6,
      failedResults: 0,
      reasoning: 5,
      hiddenReasoning: 1,
      human: 2,
      assistant: 4,
      system: 1,
      media: 1,
    });
    expect(joinIds(t)).toEqual({
      calls: ["call_01", "call_02", "call_03", "call_04", "call_05", "call_06"],
      results: ["call_01", "call_02", "call_03", "call_04", "call_05", "call_06"],
    });
    expect(resultsFollowCalls(t)).toBe(true);
    expect(t.steps.some((s) => (s.kind === "tool_call" || s.kind === "tool_result") && s.orphan)).toBe(false);
  });

  it("parses string arguments and names results after their call", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    const first = stepsOf(t, "tool_call")[0];
    expect(first).toMatchObject({
      name: "run_shell",
      arguments: { cmd: "python -m pytest -q tests/test_duration.py", timeout: 120 },
    });
    expect(first.argumentsRaw).toBeUndefined();
    expect(stepsOf(t, "tool_result")[2]).toMatchObject({ callId: "call_03", name: "run_shell" });
  });

  it("reads reasoning_content, <think>, reasoning + reasoning_details (deduplicated, encrypted kept opaque)", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    const reasoning = stepsOf(t, "reasoning");
    expect(reasoning[0].text).toMatch(/^Start by reproducing/);
    expect(reasoning[1].text).toMatch(/^Two failures/);
    expect(reasoning[2]).toMatchObject({ hidden: false, opaque: "sig_3f9a0c1d77e2" });
    expect(reasoning[3]).toMatchObject({ hidden: true, text: "" });
    expect(reasoning[3].opaque).toMatch(/^gAAAAAB/);
    // The <think> block is removed from the visible text.
    expect(stepsOf(t, "assistant")[0].text).toBe(
      "Two tests fail: bare numbers and upper-case units. Let me read the implementation.",
    );
  });

  it("replaces the data: image with a placeholder, never base64 text", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    const human = stepsOf(t, "human")[0];
    expect(human.media).toEqual([{ mime: "image/png", size: 73, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(JSON.stringify(t.steps)).not.toContain("iVBORw0KGgo");
    expect(t.warnings).toContain("replaced 1 base64 media item(s) with placeholders");
  });

  it("takes the response usage, model and created time (epoch seconds → UTC, raw kept)", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    expect(t.usage).toEqual({ input: 5821, output: 412, cacheRead: 4096, reasoning: 188, total: 6233 });
    expect(t.source.model).toBe("qwen3-coder-plus");
    const last = t.steps[t.steps.length - 1];
    expect(last).toMatchObject({ kind: "assistant", timestamp: "2025-03-04T10:00:00.000Z", timestampRaw: 1741082400 });
    expect(t.tools.map((x) => x.name)).toEqual(["run_shell", "read_file", "write_file"]);
  });

  it("keeps the human feedback after tool traffic as a human step", async () => {
    const [t] = await parse("openai-chat/request-response.json");
    const i = t.steps.findIndex((s) => s.kind === "human" && s.text.startsWith("Please don't lowercase"));
    expect(i).toBeGreaterThan(0);
    expect(t.steps[i - 1].kind).toBe("tool_result");
  });
});

describe("openai-chat: JSONL dataset", () => {
  it("yields one trajectory per line with exact counts", async () => {
    const ts = await parse("openai-chat/dataset.jsonl");
    expect(ts).toHaveLength(3);
    expect(ts.map(stepCounts).map((c) => [c.toolCalls, c.toolResults, c.human, c.reasoning])).toEqual([
      [1, 1, 1, 0],
      [3, 2, 2, 1],
      [1, 1, 1, 1],
    ]);
    expect(ts[1].steps.every((s) => s.source?.line === 2)).toBe(true);
    expect(ts[1].source.model).toBe("gpt-4.1-mini");
  });

  it("keeps truncated argument strings raw and flags the unanswered call as orphan", async () => {
    const [, t] = await parse("openai-chat/dataset.jsonl");
    const cut = stepsOf(t, "tool_call")[2];
    expect(cut).toMatchObject({
      callId: "call_b3",
      arguments: null,
      argumentsRaw: '{"cmd": "sudo -n ls -S /var/log | head -1',
      orphan: true,
    });
    expect(t.warnings).toContain("1 tool call(s) have no result");
  });

  it("accepts content null, parts, legacy function_call and an array of messages", async () => {
    const legacy = [
      { role: "user", content: [{ type: "text", text: "weather?" }] },
      { role: "assistant", content: null, function_call: { name: "get_weather", arguments: '{"city":"Oslo"}' } },
      { role: "function", name: "get_weather", content: "snow" },
      { role: "assistant", content: "It snows in Oslo." },
    ];
    const [t] = await collect(openaiChat.parse(memoryInput(JSON.stringify(legacy)), opts));
    expect(joinIds(t)).toEqual({ calls: ["call_0"], results: ["call_0"] });
    expect(stepsOf(t, "tool_result")[0]).toMatchObject({ name: "get_weather", output: "snow" });
  });

  it("accepts a {request, response} pair and a bare chat.completion response", async () => {
    const response = {
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1700000000,
      model: "gpt-4o",
      choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "length" }],
      usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
    };
    const [pair] = await collect(
      openaiChat.parse(
        memoryInput(
          JSON.stringify({ request: { model: "gpt-4o", messages: [{ role: "user", content: "hello" }] }, response }),
        ),
        opts,
      ),
    );
    expect(pair.steps.map((s) => s.kind)).toEqual(["human", "assistant"]);
    expect(pair.usage).toEqual({ input: 3, output: 1, total: 4 });
    expect(pair.warnings).toContain("the response was cut off (finish_reason `length`)");
    const [only] = await collect(openaiChat.parse(memoryInput(JSON.stringify(response)), opts));
    expect(only.steps).toHaveLength(1);
  });

  it("rejects a sample without messages with a located error", async () => {
    const input = memoryInput('{"messages":[{"role":"user","content":"a"}]}\n{"prompt":"x"}\n', "rows.jsonl");
    await expect(collect(openaiChat.parse(input, opts))).rejects.toThrow(
      /rows\.jsonl line 2: expected a chat sample with a `messages` array/,
    );
  });
});
