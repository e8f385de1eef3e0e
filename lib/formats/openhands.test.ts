import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openHandsFormat } from "@/lib/formats/openhands";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = fixturePath("openhands/trajectory-csvkit-issue-12.json");

const parseAll = (input: FormatInput) => collect(openHandsFormat.parse(input, opts));
const parseOne = async (input: FormatInput): Promise<ParsedTrajectory> => {
  const all = await parseAll(input);
  expect(all).toHaveLength(1);
  return all[0];
};
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);
const events = () => JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, unknown>[];

describe("openhands event stream", () => {
  it("maps actions and observations to steps", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.format).toBe("openhands");
    expect(of(t, "system")).toHaveLength(1);
    expect(of(t, "human").map((h) => h.text.split("\n")[0])).toEqual([
      "Fix issue #12: the CSV exporter drops the last row. Screenshot attached.",
      "Please also add a regression test for a single-row file.",
    ]);
    // Only real reasoning (the model's reasoning_content, `think`) is reasoning; an action's `thought`
    // is the visible text the model wrote beside its call (issue 9, item 9).
    expect(of(t, "reasoning")).toHaveLength(2);
    expect(of(t, "tool_call")).toHaveLength(5);
    expect(of(t, "tool_result")).toHaveLength(5);
    expect(of(t, "tool_result").filter((r) => r.isError)).toHaveLength(2);
    expect(of(t, "assistant")).toHaveLength(3);
    expect(of(t, "meta")).toEqual([
      expect.objectContaining({ subtype: "environment", text: "Added workspace context" }),
    ]);
    expect(t.tools.map((x) => x.name)).toEqual(["execute_bash", "str_replace_editor", "think", "finish"]);
    expect(t.warnings).toEqual([
      "skipped 1 `recall` action(s)",
      "skipped 2 `agent_state_changed` observation(s)",
      "skipped 1 `think` observation(s)",
      "replaced 1 base64 media item(s) with placeholders",
    ]);
  });

  it("joins observations by cause and flags failures", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const calls = of(t, "tool_call");
    const results = of(t, "tool_result");
    expect(calls.map((c) => c.callId)).toEqual(["toolu_01", "toolu_03", "toolu_04", "toolu_05", "toolu_06"]);
    expect(results.map((r) => r.callId)).toEqual(["toolu_01", "toolu_03", "toolu_04", "toolu_05", "toolu_06"]);
    expect(results.filter((r) => r.isError).map((r) => r.callId)).toEqual(["toolu_01", "toolu_06"]);
    // Arguments come from the model's own tool call, not the action's derived args.
    expect(calls[1].arguments).toEqual({
      command: "view",
      path: "/workspace/csvkit/csvkit/export.py",
      view_range: [40, 48],
    });
    expect(results[0].structured).toMatchObject({ observation: "run", metadata: { exit_code: 1 } });
    expect(of(t, "human").some((h) => h.text.includes("passed"))).toBe(false);
    // The same join works without tool_call_metadata, through `cause` alone.
    const bare = events().map((e) => {
      const copy = { ...e };
      delete copy.tool_call_metadata;
      return copy;
    });
    const t2 = await parseOne(memoryInput(JSON.stringify(bare), "bare.json"));
    expect(of(t2, "tool_result").map((r) => r.callId)).toEqual(of(t2, "tool_call").map((c) => c.callId));
    expect(of(t2, "tool_call")[0].callId).toBe("openhands-4");
  });

  it("counts usage once per LLM response and keeps media as placeholders", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.usage).toEqual({ input: 33450, output: 384, cacheRead: 6016, total: 33834 });
    expect(t.steps.filter((s) => s.usage)).toHaveLength(5);
    const task = of(t, "human")[0];
    expect(task.media).toEqual([{ mime: "image/png", size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(task.text).not.toContain("base64");
  });

  it("normalises naive timestamps as UTC and keeps the raw value", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const call = of(t, "tool_call")[0];
    expect(call.timestamp).toBe("2025-06-01T12:00:04.200Z");
    expect(call.timestampRaw).toBe("2025-06-01T12:00:04.200");
    expect(t.source).toMatchObject({
      startedAt: "2025-06-01T12:00:00.052Z",
      endedAt: "2025-06-01T12:03:01.000Z",
      model: "litellm_proxy/claude-sonnet-4-20250514",
    });
  });

  it("reads evaluation output.jsonl, one trajectory per instance, and old action/observation pairs", async () => {
    const ev = events();
    const pairs = [
      [ev[4], ev[5]],
      [ev[16], ev[17]],
    ];
    const lines = [
      {
        instance_id: "acme__csvkit-12",
        instruction: "Fix issue #12",
        history: ev,
        metrics: { accumulated_cost: 0.05 },
        error: null,
        test_result: { resolved: true },
      },
      {
        instance_id: "acme__csvkit-13",
        instruction: "Fix issue #13",
        history: pairs,
        metrics: {},
        error: "agent stuck in loop",
      },
    ];
    const all = await parseAll(memoryInput(lines.map((l) => JSON.stringify(l)).join("\n"), "output.jsonl"));
    expect(all).toHaveLength(2);
    expect(all[0].source.sessionId).toBe("acme__csvkit-12");
    expect(all[0].source.extra).toMatchObject({ test_result: { resolved: true } });
    expect(all[0].steps.every((s) => s.source?.line === 1)).toBe(true);
    expect(all[1].steps.map((s) => s.kind)).toEqual([
      "reasoning",
      "assistant",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_result",
    ]);
    expect(all[1].source.extra).toMatchObject({ error: "agent stuck in loop" });
    expect(all[1].title).toBe("Fix issue #13");
  });

  it("reads one event per line with line numbers", async () => {
    const text = events()
      .map((e) => JSON.stringify(e))
      .join("\n");
    const t = await parseOne(memoryInput(text, "events.jsonl"));
    expect(of(t, "tool_result")).toHaveLength(5);
    expect(of(t, "human")[1].source).toEqual({ line: 14, id: "13" });
  });
});

describe("openhands detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(openHandsFormat, [FIXTURE]));

  it("detects the fixture", async () => {
    expect(openHandsFormat.detect(await readDetectSample(fileInput(FIXTURE)))).toBe(0.95);
  });

  it("detects event JSONL and big arrays from the head; ignores chat JSONL", () => {
    const ev = events();
    expect(
      openHandsFormat.detect({
        filename: "e.jsonl",
        head: "",
        isZip: false,
        records: ev.slice(0, 3),
        document: undefined,
      }),
    ).toBe(0.9);
    const head = readFileSync(FIXTURE, "utf8").slice(0, 3000);
    expect(openHandsFormat.detect({ filename: "t.json", head, isZip: false, records: null, document: undefined })).toBe(
      0.75,
    );
    const chat = [{ messages: [{ role: "user", content: "hi" }] }];
    expect(
      openHandsFormat.detect({ filename: "c.jsonl", head: "", isZip: false, records: chat, document: undefined }),
    ).toBe(0);
  });
});

describe("openhands malformed input", () => {
  const failure = (input: FormatInput) => rejection(parseAll(input));

  it("names the line of invalid JSON in JSONL", async () => {
    const text = events()
      .slice(0, 4)
      .map((e) => JSON.stringify(e))
      .join("\n");
    expect(
      (await failure(memoryInput(`${text}\n{"id": 4, "source": "agent",\n{"id": 5}`, "events.jsonl"))).message,
    ).toMatch(/^events\.jsonl line 5: invalid JSON/);
  });

  it("reports a truncated document", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    expect((await failure(memoryInput(text.slice(0, 4000), "cut.json"))).message).toMatch(
      /^cut\.json line \d+: invalid JSON/,
    );
  });

  it("rejects other structures", async () => {
    expect((await failure(memoryInput('{\n"messages": []\n}', "a.json"))).message).toMatch(
      /^a\.json byte 0: expected an OpenHands trajectory/,
    );
    expect((await failure(memoryInput('[{"role": "user", "content": "hi"}]', "b.json"))).message).toMatch(
      /^b\.json line 1: expected OpenHands events/,
    );
    expect((await failure(memoryInput('{"type": "user", "uuid": "x"}\n', "c.jsonl"))).message).toMatch(
      /^c\.jsonl line 1: expected an OpenHands event/,
    );
  });
});
