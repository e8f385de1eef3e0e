import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { atifFormat } from "@/lib/formats/atif";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = fixturePath("atif/hello-world.trajectory.json");

const parseOne = async (input: FormatInput): Promise<ParsedTrajectory> => {
  const all = await collect(atifFormat.parse(input, opts));
  expect(all).toHaveLength(1);
  return all[0];
};
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("atif trajectory", () => {
  it("fans agent steps out into reasoning, text, calls and results", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.format).toBe("atif");
    expect(of(t, "system")).toHaveLength(2);
    expect(of(t, "human").map((h) => h.text)).toEqual([
      "Create a file called hello.txt with 'Hello, world!' as the content, then print it.",
      "Also make it read-only for everyone.",
    ]);
    expect(of(t, "reasoning")).toHaveLength(2);
    expect(of(t, "assistant")).toHaveLength(3);
    expect(of(t, "tool_call")).toHaveLength(4);
    expect(of(t, "tool_result")).toHaveLength(4);
    expect(
      of(t, "tool_result")
        .filter((r) => r.isError)
        .map((r) => r.callId),
    ).toEqual(["call_cat_2"]);
    expect(of(t, "meta").map((m) => m.subtype)).toEqual(["subagent", "environment"]);
    expect(of(t, "human").some((h) => h.text.includes("root@box"))).toBe(false);
  });

  it("joins results by source_call_id and names them after their call", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const calls = of(t, "tool_call");
    expect(of(t, "tool_result").map((r) => r.callId)).toEqual(calls.map((c) => c.callId));
    expect(of(t, "tool_result").every((r) => r.name === "bash_command")).toBe(true);
    expect(calls[0].arguments).toEqual({ keystrokes: "echo 'Hello, world!' > hello.txt\n", duration: 0.1 });
    expect(t.steps.some((s) => (s.kind === "tool_call" || s.kind === "tool_result") && s.orphan)).toBe(false);
    const subagent = of(t, "meta")[0];
    expect(subagent.data).toEqual([
      {
        session_id: "6c1e9f0a-summary-1",
        trajectory_path: "trajectory.summarization-1.json",
        extra: { summary: "File created and verified." },
      },
    ]);
  });

  it("normalises timestamps and maps metrics", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const first = of(t, "assistant")[0];
    expect(first.timestamp).toBe("2025-10-16T14:30:04.200Z");
    expect(first.timestampRaw).toBe("2025-10-16T16:30:04.200+02:00");
    expect(first.usage).toEqual({ input: 1210, output: 96, cacheRead: 0 });
    expect(of(t, "assistant")[1].usage).toEqual({ input: 1390, output: 41, cacheRead: 1152, cacheWrite: 210 });
    // Step 7 has no text: its usage sits on the first step it produced.
    expect(of(t, "reasoning")[1].usage).toEqual({ input: 1650, output: 58, cacheRead: 1390 });
    expect(t.usage).toEqual({ input: 5970, output: 225, cacheRead: 4192 });
    expect(t.source).toMatchObject({
      agent: "terminus-2",
      version: "2.0.0",
      model: "anthropic/claude-sonnet-4-20250514",
      sessionId: "6c1e9f0a-3b7d-4e2a-9f51-8d2c4b6a0e13",
      startedAt: "2025-10-16T14:30:00.000Z",
      endedAt: "2025-10-16T14:31:26.500Z",
    });
    expect(t.source.extra).toMatchObject({
      schemaVersion: "ATIF-v1.4",
      finalMetrics: { total_cost_usd: 0.0091 },
      agent: { parser: "json" },
    });
  });

  it("accepts multimodal message parts with base64 images as placeholders", async () => {
    const doc = {
      schema_version: "ATIF-v1.6",
      session_id: "s",
      agent: { name: "a", version: "1" },
      steps: [
        {
          step_id: 1,
          source: "user",
          message: [
            { type: "text", text: "What is in this screenshot?" },
            {
              type: "image",
              source: {
                media_type: "image/png",
                data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
              },
            },
          ],
        },
      ],
    };
    const t = await parseOne(memoryInput(JSON.stringify(doc), "mm.json"));
    expect(of(t, "human")[0].media).toEqual([
      { mime: "image/png", size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(of(t, "human")[0].text).not.toContain("iVBOR");
  });
});

describe("atif detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(atifFormat, [FIXTURE]));

  it("detects the fixture and a big file's head", async () => {
    expect(atifFormat.detect(await readDetectSample(fileInput(FIXTURE)))).toBe(0.95);
    const head = '{\n  "schema_version": "ATIF-v1.4",\n  "session_id": "x",\n  "steps": [';
    expect(atifFormat.detect({ filename: "t.json", head, isZip: false, records: null, document: undefined })).toBe(
      0.95,
    );
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(
      atifFormat.detect({
        filename: "c.json",
        head: JSON.stringify(chat),
        isZip: false,
        records: [chat],
        document: chat,
      }),
    ).toBe(0);
  });
});

describe("atif malformed input", () => {
  const failure = (input: FormatInput) => rejection(collect(atifFormat.parse(input, opts)));

  it("names the line of invalid JSON", async () => {
    const text = readFileSync(FIXTURE, "utf8").replace(
      '"schema_version": "ATIF-v1.4",',
      '"schema_version": "ATIF-v1.4"',
    );
    expect((await failure(memoryInput(text, "bad.json"))).message).toMatch(/^bad\.json line 3: invalid JSON/);
  });

  it("reports a truncated document", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    expect((await failure(memoryInput(text.slice(0, 1200), "cut.json"))).message).toMatch(
      /^cut\.json line \d+: invalid JSON/,
    );
  });

  it("rejects other structures with the offending field", async () => {
    expect((await failure(memoryInput('{"schema_version": "1.4", "steps": []}', "a.json"))).message).toMatch(
      /^a\.json field schema_version: expected an ATIF trajectory/,
    );
    expect((await failure(memoryInput('{"schema_version": "ATIF-v1.4", "steps": {}}', "b.json"))).message).toMatch(
      /^b\.json field steps: expected `steps` to be an array/,
    );
    expect(
      (await failure(memoryInput('{"schema_version": "ATIF-v1.4", "steps": ["hello"]}', "c.json"))).message,
    ).toMatch(/^c\.json field steps\[0\]: expected an ATIF step object/);
  });

  it("skips steps of an unknown source with a warning", async () => {
    const doc = {
      schema_version: "ATIF-v1.4",
      session_id: "s",
      agent: { name: "a", version: "1" },
      steps: [
        { step_id: 1, source: "tool", message: "x" },
        { step_id: 2, source: "user", message: "hi" },
      ],
    };
    const t = await parseOne(memoryInput(JSON.stringify(doc), "d.json"));
    expect(t.steps.map((s) => s.kind)).toEqual(["human"]);
    expect(t.warnings).toEqual(['skipped 1 step(s) with source "tool" (expected "system", "user" or "agent")']);
  });
});
