import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CodexBuilder, codexCli } from "@/lib/formats/codex-cli";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { joinIds, resultsFollowCalls, stepCounts, stepsOf } from "@/lib/formats/testing/steps";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const WRAPPED = "codex-cli/rollout-2025-11-02T08-00-00-0199a6c2-5e1f-7c30-9b8a-4d2e6f1a3c57.jsonl";
const BARE = "codex-cli/rollout-bare-era.jsonl";
const parse = async (path: string) => (await collect(codexCli.parse(fileInput(fixturePath(path)), opts)))[0];
const parseLines = async (records: unknown[]) =>
  (await collect(codexCli.parse(memoryInput(records.map((r) => JSON.stringify(r)).join("\n"), "r.jsonl"), opts)))[0];

describe("codex-cli: wrapped rollout", () => {
  it("recovers response items with exact counts", async () => {
    const t = await parse(WRAPPED);
    expect(t.format).toBe("codex-cli");
    expect(stepCounts(t)).toEqual({
      toolCalls: 5,
      toolResults: 5,
      failedResults: 1,
      reasoning: 3,
      hiddenReasoning: 1,
      human: 2,
      assistant: 2,
      system: 1,
      errors: 0,
      meta: { environment: 4, interruption: 1, compaction: 1 },
      media: 1,
    });
  });

  it("takes human turns only from user_message events; injected context is environment meta", async () => {
    const t = await parse(WRAPPED);
    expect(stepsOf(t, "human").map((s) => s.source?.line)).toEqual([7, 29]);
    expect(stepsOf(t, "human")[0].text).toBe("why does `pnpm build` fail? fix it please");
    const env = t.steps
      .filter((s) => s.kind === "meta" && s.subtype === "environment")
      .map((s) => ("text" in s ? s.text.split("\n")[0] : ""));
    expect(env).toEqual([
      "<permissions instructions>",
      "<user_instructions>",
      "<environment_context>",
      "<turn_aborted>",
    ]);
  });

  it("does not duplicate agent_message / agent_reasoning mirrors", async () => {
    const t = await parse(WRAPPED);
    const texts = t.steps
      .filter((s) => s.kind === "assistant" || s.kind === "reasoning")
      .map((s) => ("text" in s ? s.text : ""));
    expect(new Set(texts).size).toBe(texts.length);
    const lines = readFileSync(fixturePath(WRAPPED), "utf8").trim().split("\n");
    const mirrors = lines.flatMap((l, i) => (/"type":"(agent_message|agent_reasoning)"/.test(l) ? [i + 1] : []));
    expect(mirrors).toHaveLength(4);
    expect(t.steps.some((s) => mirrors.includes(s.source?.line ?? 0))).toBe(false);
  });

  it("joins by call_id and reads exit codes from wrapped and plain outputs", async () => {
    const t = await parse(WRAPPED);
    const ids = ["call_7Hk2", "call_8Jm3", "call_9Pq4", "call_Ab5r", "call_Cd6s"];
    expect(joinIds(t)).toEqual({ calls: ids, results: ids });
    expect(resultsFollowCalls(t)).toBe(true);
    const results = stepsOf(t, "tool_result");
    expect(results[0]).toMatchObject({
      isError: true,
      structured: { metadata: { exit_code: 2, duration_seconds: 6.4 } },
    });
    expect(results[0].output).toMatch(/^> app@1\.4\.0 build/);
    expect(results[4]).toMatchObject({ name: "local_shell", isError: false });
    expect(stepsOf(t, "tool_call")[4].arguments).toMatchObject({
      type: "exec",
      command: ["bash", "-lc", "pnpm build"],
    });
  });

  it("uses the last total token_count for the trajectory and last_token_usage per call", async () => {
    const t = await parse(WRAPPED);
    expect(t.usage).toEqual({ input: 39800, output: 930, cacheRead: 33000, reasoning: 300, total: 40730 });
    const withUsage = t.steps.filter((s) => s.usage);
    expect(withUsage.map((s) => [s.kind, s.usage?.total])).toEqual([
      ["reasoning", 9300],
      ["reasoning", 9920],
      ["assistant", 10440],
      ["reasoning", 11070],
    ]);
  });

  it("keeps encrypted reasoning opaque, marks the abort, compaction, title and source meta", async () => {
    const t = await parse(WRAPPED);
    expect(stepsOf(t, "reasoning")[1]).toMatchObject({
      hidden: true,
      text: "",
      opaque: "gAAAAABpBw_enc_codex_second_only_klmnopqrstuv",
    });
    expect(t.steps.find((s) => s.kind === "meta" && s.subtype === "interruption")).toMatchObject({
      text: "turn aborted: interrupted",
    });
    expect(t.steps[t.steps.length - 1]).toMatchObject({
      kind: "meta",
      subtype: "compaction",
      text: expect.stringMatching(/^Summary: fixed TS2304/),
    });
    expect(t.title).toBe("Fix pnpm build: formatCurrency → formatMoney");
    expect(t.source).toMatchObject({
      agent: "codex-cli",
      model: "gpt-5-codex",
      cwd: "/work/app",
      sessionId: "0199a6c2-5e1f-7c30-9b8a-4d2e6f1a3c57",
      version: "0.58.0",
      startedAt: "2025-11-02T08:00:00.004Z",
      endedAt: "2025-11-02T08:01:08.642Z",
      extra: { originator: "codex_cli_rs", git: { branch: "main" } },
    });
    expect(t.warnings).toEqual([
      "skipped 1 event(s) of type `brand_new_event_kind`",
      "replaced 1 base64 media item(s) with placeholders",
    ]);
  });

  it("normalises every step time to UTC and keeps the raw value", async () => {
    const t = await parse(WRAPPED);
    expect(t.steps.every((s) => typeof s.timestampRaw === "string" && s.timestamp === s.timestampRaw)).toBe(true);
    expect(stepsOf(t, "human")[1].media?.[0]).toMatchObject({ mime: "image/png", size: 73 });
    expect(JSON.stringify(t)).not.toContain("iVBORw0KGgo");
  });
});

describe("codex-cli: bare-era rollout", () => {
  it("reads the header, skips state records, and takes humans from user items when no events exist", async () => {
    const t = await parse(BARE);
    expect(stepCounts(t)).toMatchObject({
      toolCalls: 3,
      toolResults: 3,
      failedResults: 1,
      reasoning: 1,
      hiddenReasoning: 0,
      human: 2,
      assistant: 2,
      system: 1,
      meta: { environment: 1 },
    });
    expect(stepsOf(t, "human").map((s) => s.text)).toEqual([
      "add a --csv flag to the export command",
      "yes, pin it to 0.9.0",
    ]);
    expect(t.source).toMatchObject({
      sessionId: "5b3f1d7e-2c4a-4e9b-8f61-0a2d4c6e8b10",
      startedAt: "2025-08-20T14:03:11.482Z",
      extra: { git: { branch: "feature/csv-export" } },
    });
    expect(stepsOf(t, "tool_result")[1]).toMatchObject({ callId: "call_b2", isError: true });
    expect(t.warnings).toEqual([]);
  });
});

describe("codex-cli: builder and input handling", () => {
  it("can be fed incrementally and finished repeatedly", () => {
    const lines = readFileSync(fixturePath(WRAPPED), "utf8").trim().split("\n");
    const b = new CodexBuilder("live.jsonl");
    lines.slice(0, 10).forEach((l, i) => b.push(JSON.parse(l), i + 1));
    expect(stepCounts(b.finish())).toMatchObject({ toolCalls: 1, toolResults: 0, human: 1 });
    lines.slice(10).forEach((l, i) => b.push(JSON.parse(l), i + 11));
    const full = b.finish();
    expect(stepCounts(full).toolResults).toBe(5);
    expect(b.finish()).toEqual(full);
  });

  it("treats an exit-code header in plain output as an error only when non-zero", async () => {
    const t = await parseLines([
      { timestamp: "2025-11-02T08:00:00Z", type: "session_meta", payload: { id: "x", cwd: "/w" } },
      {
        timestamp: "2025-11-02T08:00:01Z",
        type: "response_item",
        payload: { type: "function_call", name: "shell", arguments: '{"command":["false"]}', call_id: "c1" },
      },
      {
        timestamp: "2025-11-02T08:00:02Z",
        type: "response_item",
        payload: {
          type: "function_call_output",
          call_id: "c1",
          output: "Exit code: 1\nWall time: 0.1 seconds\nOutput:\n",
        },
      },
      {
        timestamp: "2025-11-02T08:00:03Z",
        type: "response_item",
        payload: { type: "function_call", name: "shell", arguments: '{"command":["cat","log"]}', call_id: "c2" },
      },
      {
        timestamp: "2025-11-02T08:00:04Z",
        type: "response_item",
        payload: {
          type: "function_call_output",
          call_id: "c2",
          output: "Exit code: 0\nOutput:\nExit code: 1 (logged by the app)\n",
        },
      },
      { timestamp: "2025-11-02T08:00:05Z", type: "event_msg", payload: { type: "token_count", info: null } },
    ]);
    expect(stepsOf(t, "tool_result").map((s) => s.isError)).toEqual([true, false]);
    expect(t.usage).toBeUndefined();
  });

  it("rejects a file that is not a rollout on its first line", async () => {
    const input = memoryInput('{"messages":[{"role":"user","content":"hi"}]}\n', "d.jsonl");
    await expect(collect(codexCli.parse(input, opts))).rejects.toThrow(
      /d\.jsonl line 1: expected a Codex rollout record/,
    );
  });

  it("rejects a non-object line with its number", async () => {
    const input = memoryInput(
      '{"timestamp":"2025-11-02T08:00:00Z","type":"session_meta","payload":{"id":"x"}}\n[1,2]\n',
      "r.jsonl",
    );
    await expect(collect(codexCli.parse(input, opts))).rejects.toThrow(
      "r.jsonl line 2: expected a Codex rollout record (a JSON object), got an array",
    );
  });
});
