import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { miniSweAgentFormat, extractActions } from "@/lib/formats/mini-swe-agent";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const FIXTURE = fixturePath("mini-swe-agent/django__django-11099.traj.json");

const parseOne = async (input: FormatInput): Promise<ParsedTrajectory> => {
  const all = await collect(miniSweAgentFormat.parse(input, opts));
  expect(all).toHaveLength(1);
  return all[0];
};
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("mini-swe-agent v1", () => {
  it("turns bash blocks into calls and observation messages into results, not human turns", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.format).toBe("mini-swe-agent");
    expect(of(t, "system")).toHaveLength(1);
    expect(of(t, "assistant")).toHaveLength(6);
    expect(of(t, "tool_call")).toHaveLength(5);
    expect(of(t, "tool_result")).toHaveLength(5);
    expect(of(t, "tool_result").filter((r) => r.isError)).toHaveLength(2);
    expect(of(t, "reasoning")).toHaveLength(0);
    expect(of(t, "error")).toHaveLength(1);
    // The task and the interactive follow-up are the only human turns.
    expect(of(t, "human").map((h) => h.text.split("\n")[0])).toEqual([
      "<pr_description>",
      "Looks right. Before submitting, run the auth validator tests too.",
    ]);
    for (const h of of(t, "human")) expect(h.text).not.toMatch(/<returncode>/);
  });

  it("joins every result to the call before it", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const calls = of(t, "tool_call");
    const results = of(t, "tool_result");
    expect(results.map((r) => r.callId)).toEqual(calls.map((c) => c.callId));
    expect(calls.map((c) => c.callId)).toEqual(["mini-1", "mini-2", "mini-3", "mini-4", "mini-5"]);
    expect(calls[0]).toMatchObject({
      name: "bash",
      arguments: { command: 'grep -rn "UsernameValidator" django/ | head -50' },
    });
    expect(t.steps.some((s) => (s.kind === "tool_call" || s.kind === "tool_result") && s.orphan)).toBe(false);
  });

  it("classifies return codes, timeouts, truncation, format errors and the submission", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    const results = of(t, "tool_result");
    expect(results.map((r) => r.isError)).toEqual([false, true, false, true, false]);
    expect(results[0].truncated).toBe(true);
    expect(results[3].output).toMatch(/timed out and has been killed/);
    expect(results[4].output).toMatch(/^diff --git/);
    expect(of(t, "error")[0]).toMatchObject({ code: "format_error" });
    // Two bash blocks in one reply run nothing.
    const twoBlocks = t.steps.findIndex((s) => s.kind === "assistant" && s.text.includes("and then"));
    expect(t.steps[twoBlocks + 1].kind).toBe("error");
  });

  it("keeps run metadata", async () => {
    const t = await parseOne(fileInput(FIXTURE));
    expect(t.source).toMatchObject({
      agent: "mini-swe-agent",
      model: "anthropic/claude-sonnet-4-20250514",
      version: "1.9.1",
    });
    expect(t.source.extra).toMatchObject({
      trajectoryFormat: "mini-swe-agent-1",
      exitStatus: "Submitted",
      instanceId: "django__django-11099",
    });
    expect(t.steps.some((s) => s.kind === "error" && s.code === "Submitted")).toBe(false);
  });

  it("extracts only fenced bash blocks", () => {
    expect(extractActions("x\n```bash\nls -la\n```\n")).toEqual(["ls -la"]);
    expect(extractActions("```python\nprint(1)\n```")).toEqual([]);
    expect(extractActions("```mswea_bash_command\nmake\n```")).toEqual(["make"]);
  });
});

describe("mini-swe-agent v2", () => {
  it("reads native tool calls, tool messages, the exit message and extra timestamps", async () => {
    const doc = {
      trajectory_format: "mini-swe-agent-1.1",
      info: {
        exit_status: "LimitsExceeded",
        mini_version: "2.1.0",
        config: { model: { model_name: "openai/gpt-5-mini" } },
      },
      messages: [
        { role: "system", content: "You are a helpful assistant.", extra: { timestamp: 1767225600.0 } },
        { role: "user", content: "Fix the off-by-one in src/a.py", extra: { timestamp: 1767225600.5 } },
        {
          role: "assistant",
          content: "Inspect first.",
          reasoning_content: "Look for range(n+1).",
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "bash", arguments: '{"command":"grep -n range src/a.py"}' },
            },
          ],
          extra: {
            timestamp: 1767225603.25,
            response: { usage: { prompt_tokens: 900, completion_tokens: 40, total_tokens: 940 } },
          },
        },
        {
          role: "tool",
          tool_call_id: "call_1",
          content: "<returncode>2</returncode><output>grep: src/a.py: No such file</output>",
          extra: { timestamp: 1767225604 },
        },
        { role: "exit", content: "", extra: { exit_status: "LimitsExceeded", submission: "" } },
      ],
    };
    const t = await parseOne(memoryInput(JSON.stringify(doc), "v2.traj.json"));
    expect(t.steps.map((s) => s.kind)).toEqual([
      "system",
      "human",
      "reasoning",
      "assistant",
      "tool_call",
      "tool_result",
      "meta",
      "error",
    ]);
    expect(of(t, "tool_result")[0]).toMatchObject({ callId: "call_1", isError: true });
    expect(of(t, "tool_call")[0]).toMatchObject({ callId: "call_1", arguments: { command: "grep -n range src/a.py" } });
    expect(of(t, "tool_call")[0].timestamp).toBe("2026-01-01T00:00:03.250Z");
    expect(of(t, "tool_call")[0].timestampRaw).toBe(1767225603.25);
    expect(t.usage).toEqual({ input: 900, output: 40, total: 940 });
    expect(t.steps.at(-1)).toMatchObject({ kind: "error", code: "LimitsExceeded" });
  });
});

describe("mini-swe-agent detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(miniSweAgentFormat, [FIXTURE]));

  it("detects the fixture", async () => {
    expect(miniSweAgentFormat.detect(await readDetectSample(fileInput(FIXTURE)))).toBe(0.95);
  });

  it("detects a big file whose trajectory_format is past the head", () => {
    const head =
      '{\n  "info": {\n    "exit_status": "Submitted",\n    "submission": "diff",\n    "model_stats": {"instance_cost": 0.1, "api_calls": 3},\n    "mini_version": "1.9.1",\n    "config": {';
    expect(
      miniSweAgentFormat.detect({ filename: "x.traj.json", head, isZip: false, records: null, document: undefined }),
    ).toBe(0.85);
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(
      miniSweAgentFormat.detect({
        filename: "x.json",
        head: JSON.stringify(chat),
        isZip: false,
        records: [chat],
        document: chat,
      }),
    ).toBe(0);
  });
});

describe("mini-swe-agent malformed input", () => {
  const failure = (input: FormatInput) => rejection(collect(miniSweAgentFormat.parse(input, opts)));

  it("names the line of invalid JSON", async () => {
    const text = readFileSync(FIXTURE, "utf8").replace('"exit_status": "Submitted",', '"exit_status": "Submitted"');
    expect((await failure(memoryInput(text, "bad.json"))).message).toMatch(/^bad\.json line 4: invalid JSON/);
  });

  it("reports a truncated document", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    expect((await failure(memoryInput(text.slice(0, 1500), "cut.json"))).message).toMatch(
      /^cut\.json line \d+: invalid JSON/,
    );
  });

  it("rejects other structures", async () => {
    expect((await failure(memoryInput('{"info": {}}', "a.json"))).message).toMatch(
      /^a\.json field messages: expected a mini-swe-agent trajectory/,
    );
    expect((await failure(memoryInput('{"messages": [], "trajectory_format": "other-1"}', "b.json"))).message).toMatch(
      /^b\.json field trajectory_format: expected trajectory_format "mini-swe-agent-…"/,
    );
    expect((await failure(memoryInput('{"info": {}, "messages": ["hi"]}', "c.json"))).message).toMatch(
      /^c\.json field messages\[0\]: expected a chat message object/,
    );
    expect((await failure(memoryInput('{"messages": [{"role": "user", "content": "hi"}]}', "d.json"))).message).toMatch(
      /^d\.json field trajectory_format: expected a mini-swe-agent trajectory/,
    );
  });
});
