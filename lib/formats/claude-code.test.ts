import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ClaudeCodeBuilder, claudeCode } from "@/lib/formats/claude-code";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = "claude-code/session.jsonl";
const parseFixture = async () => (await collect(claudeCode.parse(fileInput(fixturePath(FIXTURE)), opts)))[0];
const parseLines = async (records: unknown[], name = "s.jsonl") =>
  (
    await collect(claudeCode.parse(memoryInput(records.map((r) => JSON.stringify(r)).join("\n") + "\n", name), opts))
  )[0];

const rec = (
  uuid: string,
  parentUuid: string | null,
  type: "user" | "assistant",
  content: unknown,
  extra: Record<string, unknown> = {},
) => ({
  type,
  uuid,
  parentUuid,
  sessionId: "s-1",
  isSidechain: false,
  timestamp: "2025-10-01T09:00:00.000Z",
  message:
    type === "user"
      ? { role: "user", content }
      : {
          id: `msg_${uuid}`,
          role: "assistant",
          model: "claude-sonnet-4-5",
          content,
          usage: { input_tokens: 1, output_tokens: 1 },
        },
  ...extra,
});

describe("claude-code: session fixture", () => {
  it("recovers the active path with exact counts", async () => {
    const t = await parseFixture();
    expect(t.format).toBe("claude-code");
    expect(stepCounts(t)).toEqual({
      toolCalls: 10,
      toolResults: 10,
      failedResults: 2,
      reasoning: 3,
      hiddenReasoning: 1,
      human: 3,
      assistant: 6,
      system: 0,
      errors: 0,
      meta: { environment: 1, other: 2, interruption: 1, subagent: 1, compaction: 1, summary: 1 },
      media: 1,
    });
  });

  it("joins tool_use ids to tool results, including parallel results that share a parent", async () => {
    const t = await parseFixture();
    expect(joinIds(t)).toEqual({
      calls: [
        "toolu_01",
        "toolu_02",
        "toolu_03",
        "toolu_04",
        "toolu_05",
        "toolu_06",
        "toolu_s1",
        "toolu_07",
        "toolu_08",
        "toolu_09",
      ],
      // The Task result arrives after its sub-agent finished.
      results: [
        "toolu_01",
        "toolu_02",
        "toolu_03",
        "toolu_04",
        "toolu_05",
        "toolu_s1",
        "toolu_06",
        "toolu_07",
        "toolu_08",
        "toolu_09",
      ],
    });
    expect(resultsFollowCalls(t)).toBe(true);
    expect(t.warnings.some((w) => w.includes("no result") || w.includes("no matching call"))).toBe(false);
  });

  it("treats only typed prompts as human: tool results, interruptions, isMeta and command wrappers are not", async () => {
    const t = await parseFixture();
    expect(stepsOf(t, "human").map((s) => s.text.slice(0, 30))).toEqual([
      "tests/test_duration.py is fail",
      "Don't run the whole suite, it ",
      "Now add a docstring example fo",
    ]);
    const interruption = t.steps.find((s) => s.kind === "meta" && s.subtype === "interruption");
    expect(interruption).toMatchObject({ text: "[Request interrupted by user for tool use]" });
    expect(t.steps[0]).toMatchObject({ kind: "meta", subtype: "environment" });
    expect(t.steps[1]).toMatchObject({
      kind: "meta",
      subtype: "other",
      text: expect.stringMatching(/^<command-name>\/model/),
    });
  });

  it("merges lines sharing message.id and counts their usage once", async () => {
    const t = await parseFixture();
    // msg_01 spans three lines (thinking, text, tool_use) whose usage repeats and grows.
    const [thinking, text, call] = t.steps.slice(4, 7);
    expect([thinking.kind, text.kind, call.kind]).toEqual(["reasoning", "assistant", "tool_call"]);
    expect(thinking.usage).toEqual({ input: 12, output: 212, cacheRead: 9000, cacheWrite: 4200 });
    expect(text.usage).toBeUndefined();
    expect(call.usage).toBeUndefined();
    expect(t.usage).toEqual({ input: 76, output: 1422, cacheRead: 129350, cacheWrite: 16210 });
    expect(t.steps.filter((s) => s.usage).length).toBe(12);
  });

  it("marks sidechain steps and places the sub-agent run inside its Task call", async () => {
    const t = await parseFixture();
    const side = t.steps.filter((s) => s.sidechain);
    expect(side.map((s) => s.kind)).toEqual(["meta", "tool_call", "tool_result", "assistant"]);
    expect(side[0]).toMatchObject({ subtype: "subagent" });
    const start = t.steps.indexOf(side[0]);
    expect(t.steps[start - 1]).toMatchObject({ kind: "tool_call", name: "Task" });
    expect(t.steps[start + 4]).toMatchObject({ kind: "tool_result", callId: "toolu_06" });
  });

  it("follows the compact boundary back through logicalParentUuid and emits compaction meta", async () => {
    const t = await parseFixture();
    const i = t.steps.findIndex((s) => s.kind === "meta" && s.subtype === "compaction");
    expect(t.steps[i]).toMatchObject({ text: "Conversation compacted", data: { trigger: "manual", preTokens: 48211 } });
    expect(t.steps[i + 1]).toMatchObject({ kind: "meta", subtype: "summary" });
    expect(t.steps.slice(0, i).filter((s) => s.kind === "tool_call")).toHaveLength(9);
  });

  it("drops the abandoned branch, keeps toolUseResult as structured, and reports skipped records", async () => {
    const t = await parseFixture();
    expect(JSON.stringify(t.steps)).not.toContain("Also update the README");
    expect(t.warnings).toEqual([
      "2 record(s) on abandoned branches were not imported",
      "skipped 1 record(s) of unknown type `mystery-telemetry`",
      "replaced 1 base64 media item(s) with placeholders",
    ]);
    const read = stepsOf(t, "tool_result").find((s) => s.callId === "toolu_02");
    expect(read?.structured).toMatchObject({ type: "text", file: { numLines: 11, startLine: 1 } });
    expect(stepsOf(t, "tool_result")[0].structured).toMatch(/^Error: Exit code 1/);
  });

  it("normalises timestamps, keeps raw values, and fills source meta and title", async () => {
    const t = await parseFixture();
    expect(
      t.steps.every((s) => s.timestamp !== undefined && s.timestampRaw === s.timestamp && s.timestamp.endsWith("Z")),
    ).toBe(true);
    expect(t.source).toEqual({
      agent: "claude-code",
      model: "claude-sonnet-4-5-20250929",
      cwd: "/home/dev/projects/timeparse",
      sessionId: "7f3c2a1e-5b4d-4c8e-9a6f-1d2e3f4a5b6c",
      version: "2.0.31",
      startedAt: "2025-10-01T09:00:02.500Z",
      endedAt: "2025-10-01T09:11:47.500Z",
      extra: { gitBranch: "fix/duration-parsing", models: ["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"] },
    });
    expect(t.title).toBe("Fix parse_duration bare numbers and unit validation");
  });

  it("replaces the pasted screenshot with a placeholder", async () => {
    const t = await parseFixture();
    expect(stepsOf(t, "human")[0].media).toEqual([
      { mime: "image/png", size: 73, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(readFileSync(fixturePath(FIXTURE), "utf8")).toContain("iVBORw0KGgo");
    expect(JSON.stringify(t)).not.toContain("iVBORw0KGgo");
  });
});

describe("claude-code: tree rules", () => {
  it("takes the later sibling branch", async () => {
    const t = await parseLines([
      rec("u1", null, "user", "question"),
      rec("a1", "u1", "assistant", [{ type: "text", text: "first answer" }]),
      rec("u2", null, "user", "question, rephrased"),
      rec("a2", "u2", "assistant", [{ type: "text", text: "older root" }]),
      rec("u3", "a1", "user", "follow-up A"),
      rec("u4", "a1", "user", "follow-up B (after rewind)"),
      rec("a3", "u4", "assistant", [{ type: "text", text: "answer B" }]),
    ]);
    expect(t.steps.map((s) => ("text" in s ? s.text : s.kind))).toEqual([
      "question",
      "first answer",
      "follow-up B (after rewind)",
      "answer B",
    ]);
    expect(t.warnings).toContain("3 record(s) on abandoned branches were not imported");
  });

  it("prefers a custom title, marks a sub-agent file as sidechain, and normalises offsets to UTC", async () => {
    const side = { isSidechain: true, agentId: "ag1" };
    const t = await parseLines([
      { type: "custom-title", customTitle: "Renamed session", sessionId: "s-1" },
      rec("u1", null, "user", "Find the config loader.", { ...side, timestamp: "2025-10-01T11:00:00.000+02:00" }),
      rec("a1", "u1", "assistant", [{ type: "text", text: "It is in app/config.py." }], side),
      { type: "summary", summary: "Older summary", leafUuid: "a1" },
    ]);
    expect(t.title).toBe("Renamed session");
    expect(t.steps.every((s) => s.sidechain === true)).toBe(true);
    expect(t.steps[0]).toMatchObject({
      kind: "meta",
      subtype: "subagent",
      timestamp: "2025-10-01T09:00:00.000Z",
      timestampRaw: "2025-10-01T11:00:00.000+02:00",
    });
    expect(stepCounts(t).human).toBe(0);
  });

  it("treats API error messages as error steps and plain interruptions as meta", async () => {
    const t = await parseLines([
      rec("u1", null, "user", "go"),
      rec("a1", "u1", "assistant", [{ type: "text", text: "API Error: 529 Overloaded" }], { isApiErrorMessage: true }),
      rec("u2", "a1", "user", [{ type: "text", text: "[Request interrupted by user]" }]),
    ]);
    expect(t.steps.map((s) => s.kind)).toEqual(["human", "error", "meta"]);
    expect(t.steps[2]).toMatchObject({ subtype: "interruption" });
  });
});

describe("claude-code: builder and input handling", () => {
  it("can be fed incrementally and finished repeatedly", () => {
    const lines = readFileSync(fixturePath(FIXTURE), "utf8").trim().split("\n");
    const b = new ClaudeCodeBuilder("live.jsonl");
    lines.slice(0, 9).forEach((l, i) => b.push(JSON.parse(l), i + 1));
    const early = b.finish();
    expect(stepCounts(early)).toMatchObject({ toolCalls: 1, toolResults: 1, human: 1 });
    lines.slice(9).forEach((l, i) => b.push(JSON.parse(l), i + 10));
    const full = b.finish();
    expect(stepCounts(full).toolCalls).toBe(10);
    expect(b.finish()).toEqual(full);
  });

  it("parses a line of several megabytes", async () => {
    const big = "x".repeat(6 * 1024 * 1024);
    const t = await parseLines([
      rec("u1", null, "user", "read it"),
      rec("a1", "u1", "assistant", [
        { type: "tool_use", id: "toolu_r", name: "Read", input: { file_path: "/big.txt" } },
      ]),
      rec("u2", "a1", "user", [{ type: "tool_result", tool_use_id: "toolu_r", content: big }], {
        toolUseResult: { type: "text", file: { filePath: "/big.txt", content: big } },
      }),
    ]);
    expect(stepsOf(t, "tool_result")[0].output).toHaveLength(big.length);
  });

  it("rejects a record without a type, naming the line", async () => {
    const lines = [
      rec("u1", null, "user", "hi"),
      rec("a1", "u1", "assistant", [{ type: "text", text: "yo" }]),
      { hello: "world" },
    ];
    await expect(parseLines(lines, "bad.jsonl")).rejects.toThrow(
      "bad.jsonl line 3: expected a Claude Code record with a `type` field, got an object with keys `hello`",
    );
  });

  it("rejects a file of some other JSONL format on its first line", async () => {
    const codex = fileInput(fixturePath("codex-cli/rollout-bare-era.jsonl"));
    await expect(collect(claudeCode.parse(codex, opts))).rejects.toThrow(
      /rollout-bare-era\.jsonl line 1: expected a Claude Code record with a `type` field/,
    );
  });
});
