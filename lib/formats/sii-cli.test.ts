import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { siiCliFormat } from "@/lib/formats/sii-cli";
import { lowerGeminiSchema } from "@/lib/formats/gemini-converter";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = fixturePath("sii-cli/conv_0042.json");

const parseOne = async (input: FormatInput): Promise<ParsedTrajectory> => {
  const all = await collect(siiCliFormat.parse(input, opts));
  expect(all).toHaveLength(1);
  return all[0];
};
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("sii-cli raw log", () => {
  it("rebuilds the conversation from the last api_request_full plus the final reply", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.format).toBe("sii-cli");
    expect(t.steps.map((s) => s.kind)).toEqual([
      "system",
      "system",
      "assistant",
      "human",
      "reasoning",
      "assistant",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_call",
      "tool_result",
      "tool_result",
      "assistant",
      "human",
      "reasoning",
      "assistant",
    ]);
    expect(of(t, "system")[0].text).toMatch(/^You are an interactive CLI agent/);
    // The CLI's environment preamble is not a human prompt.
    expect(of(t, "system")[1].text).toMatch(/^This is the SII CLI\./);
    expect(of(t, "human").map((h) => h.text)).toEqual([
      "Build a 15x15 Gomoku web page in plain HTML/JS with a simple AI opponent. Put everything under /workspace/gomoku.",
      "Also the AI doesn't block open fours. Please fix both.",
    ]);
    // The reply to the last request exists only in the response event after it.
    expect(of(t, "assistant").at(-1)?.text).toMatch(/^Fixed: closed the `render\(\)` call/);
    expect(t.source).toMatchObject({
      agent: "sii-cli",
      model: "gpt-5",
      sessionId: "conv_0042",
      startedAt: "2025-09-01T04:00:00.000Z",
      endedAt: "2025-09-01T04:05:30.000Z",
    });
    expect(t.warnings).toEqual([
      "skipped 1 event(s) of type `session_start`",
      "skipped 1 event(s) of type `tool_confirmation`",
    ]);
  });

  it("keeps what LIMI's converter dropped: thoughts and tool error payloads", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(of(t, "reasoning").map((r) => r.text)).toEqual([
      "**Planning the layout**\nStart with the directory and an index.html, then the game logic in app.js.",
      "**Threat detection**\nScore open fours above everything except an immediate win.",
    ]);
    const results = of(t, "tool_result");
    expect(results).toHaveLength(3);
    const failed = results.filter((r) => r.isError);
    expect(failed).toHaveLength(1);
    expect(failed[0].output).toMatch(/^Command exited with code 1: .*\nrender\(/s);
    expect(of(t, "human").some((h) => h.text.includes("Exit Code"))).toBe(false);
  });

  it("generates stable ids for empty functionCall ids and joins by order", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const calls = of(t, "tool_call");
    expect(calls.map((c) => [c.callId, c.name])).toEqual([
      ["sii-call-1", "run_shell_command"],
      ["fc_write_1", "write_file"],
      ["sii-call-2", "run_shell_command"],
    ]);
    expect(of(t, "tool_result").map((r) => [r.callId, r.name])).toEqual([
      ["sii-call-1", "run_shell_command"],
      ["fc_write_1", "write_file"],
      ["sii-call-2", "run_shell_command"],
    ]);
    expect(t.steps.some((s) => (s.kind === "tool_call" || s.kind === "tool_result") && s.orphan)).toBe(false);
    const again = await parseOne(fileInput(FIXTURE));
    expect(of(again, "tool_call").map((c) => c.callId)).toEqual(calls.map((c) => c.callId));
  });

  it("dates each turn from the events and keeps the raw value", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const task = of(t, "human")[0];
    expect(task.timestamp).toBe("2025-09-01T04:00:05.000Z");
    expect(task.timestampRaw).toBe("2025-09-01T12:00:05+08:00");
    // A model turn takes the time of the response event that produced it.
    expect(of(t, "tool_call")[1].timestamp).toBe("2025-09-01T04:00:20.000Z");
    // A tool result was sent with the next request.
    expect(of(t, "tool_result")[2].timestamp).toBe("2025-09-01T04:00:25.000Z");
    expect(of(t, "assistant").at(-1)?.timestamp).toBe("2025-09-01T04:05:30.000Z");
    for (const s of t.steps) expect(s.timestamp).toMatch(/Z$/);
  });

  it("takes usage from response events, once each", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.usage).toEqual({ input: 18010, output: 382, cacheRead: 4096, reasoning: 330, total: 18722 });
    expect(of(t, "reasoning")[0].usage).toEqual({ input: 4120, output: 96, reasoning: 210, total: 4426 });
    expect(t.steps.filter((s) => s.usage)).toHaveLength(4);
  });

  it("lowers Gemini schema types in tool declarations, recursively", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.tools.map((x) => x.name)).toEqual([
      "run_shell_command",
      "write_file",
      "read_many_files",
      "sii_web_search",
    ]);
    const many = t.tools.find((x) => x.name === "read_many_files");
    expect(many?.parameters).toEqual({
      type: "object",
      properties: {
        paths: {
          type: "array",
          items: { type: "string", minLength: "1" },
          minItems: "1",
          description: "An array of glob patterns or paths.",
        },
        exclude: { type: "array", items: { type: "string" }, default: [] },
        recursive: { type: "boolean", default: true },
        limit: { type: "integer" },
      },
      required: ["paths"],
    });
    const search = t.tools.find((x) => x.name === "sii_web_search");
    expect(search?.parameters).toMatchObject({
      type: "object",
      properties: {
        max_results: { type: "number" },
        filters: { type: "object", properties: { site: { type: "string" }, recency_days: { type: "integer" } } },
        // Enum values are data, not types.
        format: { type: "string", enum: ["STRING", "OBJECT"] },
      },
    });
    expect(JSON.stringify(t.tools)).not.toMatch(/"type":"(STRING|OBJECT|ARRAY|INTEGER|NUMBER|BOOLEAN)"/);
  });

  it("lowerGeminiSchema leaves non-schema positions alone", () => {
    expect(
      lowerGeminiSchema({
        type: "OBJECT",
        properties: { type: { type: "STRING" } },
        anyOf: [{ type: "NULL" }],
        example: { type: "OBJECT" },
      }),
    ).toEqual({
      type: "object",
      properties: { type: { type: "string" } },
      anyOf: [{ type: "null" }],
      example: { type: "OBJECT" },
    });
  });
});

describe("sii-cli detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(siiCliFormat, [FIXTURE]));

  it("detects the fixture", async () => {
    expect(siiCliFormat.detect(await readDetectSample(fileInput(FIXTURE)))).toBe(0.95);
  });

  it("detects a big log from its head and ignores unrelated documents", () => {
    const head =
      '{\n  "id": "conv_1",\n  "model": "gpt-5",\n  "events": [\n    {\n      "type": "api_request_full",\n      "data": {"full_request": {"messages": [';
    expect(siiCliFormat.detect({ filename: "x.json", head, isZip: false, records: null, document: undefined })).toBe(
      0.9,
    );
    const other = { events: [{ type: "click" }] };
    expect(
      siiCliFormat.detect({
        filename: "x.json",
        head: JSON.stringify(other),
        isZip: false,
        records: [other],
        document: other,
      }),
    ).toBe(0);
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(
      siiCliFormat.detect({
        filename: "x.json",
        head: JSON.stringify(chat),
        isZip: false,
        records: [chat],
        document: chat,
      }),
    ).toBe(0);
  });
});

describe("sii-cli malformed input", () => {
  const failure = (input: FormatInput) => rejection(collect(siiCliFormat.parse(input, opts)));

  it("names the line of invalid JSON", async () => {
    // A missing comma: V8 reports the position of the next property, on line 4.
    const text = readFileSync(FIXTURE, "utf8").replace(
      '"model": "gpt-5",\n  "created"',
      '"model": "gpt-5"\n  "created"',
    );
    const e = await failure(memoryInput(text, "conv.json"));
    expect(e.message).toMatch(/^conv\.json line 4: invalid JSON \(Expected ',' or '}'/);
  });

  it("reports a truncated document", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    const e = await failure(memoryInput(text.slice(0, text.length / 2), "cut.json"));
    expect(e.message).toMatch(/^cut\.json line \d+: invalid JSON/);
  });

  it("rejects structures that are not a raw log", async () => {
    expect((await failure(memoryInput('{"messages": []}', "a.json"))).message).toMatch(
      /^a\.json field events: expected an SII CLI raw log/,
    );
    expect(
      (await failure(memoryInput('{"events": [{"type": "session_start", "data": {}}]}', "b.json"))).message,
    ).toMatch(/^b\.json field events: no `api_request_full` event/);
    expect(
      (
        await failure(
          memoryInput(
            '{"events": [{"type": "api_request_full", "data": {"full_request": {"messages": "x"}}}]}',
            "c.json",
          ),
        )
      ).message,
    ).toMatch(/^c\.json field events\[0\]\.data\.full_request\.messages: expected `messages` to be an array/);
  });
});
