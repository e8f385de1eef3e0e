import { describe, expect, it } from "vitest";
import { anthropicMessages } from "@/lib/formats/anthropic-messages";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const parseFixture = async () =>
  (await collect(anthropicMessages.parse(fileInput(fixturePath("anthropic-messages/request.json")), opts)))[0];

describe("anthropic-messages: request", () => {
  it("recovers blocks with exact counts", async () => {
    const t = await parseFixture();
    expect(t.format).toBe("anthropic-messages");
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
    expect(joinIds(t)).toEqual({
      calls: ["toolu_01A9xkq", "toolu_01B2mno", "toolu_01C3pqr", "toolu_01D4stu", "toolu_01E5vwx"],
      results: ["toolu_01A9xkq", "toolu_01B2mno", "toolu_01C3pqr", "toolu_01D4stu", "toolu_01E5vwx"],
    });
    expect(resultsFollowCalls(t)).toBe(true);
  });

  it("does not count tool results in user-role messages as human turns; user text blocks are", async () => {
    const t = await parseFixture();
    const humans = stepsOf(t, "human").map((s) => s.text);
    expect(humans).toEqual([
      "The pricing cards overflow on mobile (375px). Fix the CSS so they stack.",
      "Looks better, but the cards now have no gap between them on mobile. Add 16px spacing.",
    ]);
    // The feedback shares its message with a tool result and comes after it.
    const i = t.steps.findIndex((s) => s.kind === "human" && s.text.startsWith("Looks better"));
    expect(t.steps[i - 1]).toMatchObject({ kind: "tool_result", callId: "toolu_01D4stu" });
  });

  it("keeps thinking signatures and redacted thinking as opaque", async () => {
    const t = await parseFixture();
    const r = stepsOf(t, "reasoning");
    expect(r[0]).toMatchObject({
      hidden: false,
      opaque: "EqQBCkYIBxgCKkDk3t9Zr5w1sG0pricingSig",
      text: "Find the stylesheet for the pricing section, then check the grid definition.",
    });
    expect(r[1]).toMatchObject({ hidden: true, text: "" });
    expect(r[1].opaque).toMatch(/^EmwKAhgB/);
  });

  it("keeps object inputs, is_error, the system blocks and input_schema tools", async () => {
    const t = await parseFixture();
    expect(stepsOf(t, "tool_call")[1].arguments).toEqual({
      command: "str_replace",
      path: "src/styles/pricing.css",
      old_str: "grid-template-columns: repeat(3, 320px);",
      new_str: "grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));",
    });
    expect(stepsOf(t, "tool_result")[2]).toMatchObject({
      isError: true,
      name: "bash",
      output: "Error: listen EADDRINUSE: address already in use :::4173",
    });
    expect(t.steps[0]).toEqual({
      kind: "system",
      text: "You are a front-end engineer working in a sandboxed checkout of the marketing site.\n\nRun the dev server before claiming visual changes work.",
    });
    expect(t.tools.map((x) => [x.name, Object.keys(x.parameters ?? {})])).toEqual([
      ["bash", ["type", "properties", "required"]],
      ["str_replace_editor", ["type", "properties", "required"]],
      ["screenshot", ["type", "properties", "required"]],
    ]);
    expect(t.source.model).toBe("claude-sonnet-4-5");
  });

  it("replaces the base64 screenshot in a tool result with a placeholder", async () => {
    const t = await parseFixture();
    const shot = stepsOf(t, "tool_result")[3];
    expect(shot.media).toEqual([{ mime: "image/png", size: 73, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(shot.output).toMatch(/^Screenshot at 375x812:\n\[image\/png 73 bytes sha256:[0-9a-f]{12}\]$/);
    expect(JSON.stringify(t)).not.toContain("iVBORw0KGgo");
  });
});

describe("anthropic-messages: other shapes", () => {
  it("reads a response with usage counted once", async () => {
    const res = {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "claude-opus-4-1",
      content: [
        { type: "text", text: "Hello" },
        { type: "tool_use", id: "toolu_9", name: "bash", input: { command: "ls" } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 7 },
    };
    const [t] = await collect(anthropicMessages.parse(memoryInput(JSON.stringify(res)), opts));
    expect(t.usage).toEqual({ input: 10, output: 5, cacheRead: 100, cacheWrite: 7 });
    expect(t.steps[0].usage).toEqual(t.usage);
    expect(t.steps[1].usage).toBeUndefined();
    expect(t.source).toMatchObject({
      model: "claude-opus-4-1",
      extra: { responseId: "msg_01", stopReason: "tool_use" },
    });
  });

  it("reads a bare message list and a JSONL file of requests", async () => {
    const list = [
      { role: "user", content: "hi" },
      { role: "assistant", content: [{ type: "text", text: "hello" }] },
    ];
    const [a] = await collect(anthropicMessages.parse(memoryInput(JSON.stringify(list)), opts));
    expect(a.steps.map((s) => s.kind)).toEqual(["human", "assistant"]);
    const jsonl = [
      { model: "claude-haiku-4-5", messages: list },
      { model: "claude-haiku-4-5", system: "Be brief.", messages: list },
    ]
      .map((x) => JSON.stringify(x))
      .join("\n");
    const ts = await collect(anthropicMessages.parse(memoryInput(jsonl, "reqs.jsonl"), opts));
    expect(ts.map((t) => t.steps.length)).toEqual([2, 3]);
  });

  it("counts unknown block types as warnings instead of failing", async () => {
    const req = {
      messages: [
        {
          role: "assistant",
          content: [
            { type: "container_upload", file_id: "f1" },
            { type: "text", text: "ok" },
          ],
        },
      ],
    };
    const [t] = await collect(anthropicMessages.parse(memoryInput(JSON.stringify(req)), opts));
    expect(t.steps).toHaveLength(1);
    expect(t.warnings).toContain("skipped 1 content block(s) of type `container_upload`");
  });

  it("rejects a message without a role with a located error", async () => {
    const req = { messages: [{ role: "user", content: "hi" }, { content: "no role" }] };
    await expect(
      collect(anthropicMessages.parse(memoryInput(JSON.stringify(req, null, 2), "req.json"), opts)),
    ).rejects.toThrow(/req\.json field messages\[1\]: expected a message with a `role`/);
  });
});
