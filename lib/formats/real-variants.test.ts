/**
 * Issue 9: the variants real agents write. One fixture per item, shaped like the files the agents'
 * own writers produce; each test checks the counts a person checked by hand against the source.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { detectSample, parseFile, readDetectSample } from "@/lib/formats/detect";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { detectedFailures, stepCounts, stepsOf } from "@/lib/formats/testing/steps";
import { looksFailed } from "@/lib/formats/normalize/detected-failure";
import { statsFromCounts } from "@/lib/tokens/stats";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

const auto = { format: "auto", maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };

async function parseAll(rel: string, format = "auto", warnings: string[] = []): Promise<ParsedTrajectory[]> {
  const input: FormatInput = { ...fileInput(fixturePath(rel)), warn: (m) => warnings.push(m) };
  return collect(await parseFile(input, { ...auto, format }));
}
async function parseOne(rel: string, format = "auto"): Promise<ParsedTrajectory> {
  const all = await parseAll(rel, format);
  expect(all).toHaveLength(1);
  return all[0];
}
async function detected(rel: string): Promise<string | undefined> {
  return detectSample(await readDetectSample(fileInput(fixturePath(rel))))?.module.name;
}
async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}
const humanTurns = (t: ParsedTrajectory) =>
  statsFromCounts(
    t.steps,
    t.steps.map(() => 1),
    [],
    "x",
  ).totals.humanTurnCount;

describe("1. ATIF observations without source_call_id (Harbor terminus-2)", () => {
  it("joins each step's observation to its calls: the only call, or the last of a batch", async () => {
    const t = await parseOne("variants/atif/terminus-2-hello-world.trajectory.json");
    expect(stepCounts(t)).toMatchObject({ toolCalls: 6, toolResults: 4, human: 1, assistant: 4 });
    expect(stepsOf(t, "tool_result").map((r) => [r.callId, r.name])).toEqual([
      ["call_0_2", "bash_command"],
      ["call_1_1", "bash_command"],
      ["call_2_task_complete", "mark_task_complete"],
      ["call_3_task_complete", "mark_task_complete"],
    ]);
    // A batch's earlier calls are covered by the step's one observation: no orphans.
    expect(stepsOf(t, "tool_call").filter((c) => c.orphan)).toEqual([]);
    expect(stepsOf(t, "meta").map((m) => m.subtype)).toEqual(["subagent"]);
    expect(t.warnings).toEqual([]);
  });
});

describe("2. Claude Code slash commands", () => {
  it("makes a prompt command with its arguments the human turn; local commands, stdout and isMeta stay out", async () => {
    const t = await parseOne("variants/claude-code/slash-command-session.jsonl");
    expect(stepsOf(t, "human").map((h) => h.text)).toEqual([
      "/orchestrator migrate the billing jobs from cron to the new queue worker",
    ]);
    expect(humanTurns(t)).toBe(1);
    // The caveat and the expanded command prompt (isMeta), /model and its stdout.
    expect(stepsOf(t, "meta").map((m) => m.subtype)).toEqual(["environment", "other", "other", "environment"]);
  });

  it("counts a session that starts with /init as one human turn", async () => {
    const t = await parseOne("variants/claude-code/init-session.jsonl");
    expect(stepsOf(t, "human").map((h) => h.text)).toEqual(["/init"]);
    expect(humanTurns(t)).toBe(1);
  });
});

describe("3. Claude Code titles", () => {
  it("ignores a summary whose leafUuid points into another session and titles by the first human message", async () => {
    const t = await parseOne("variants/claude-code/slash-command-session.jsonl");
    expect(t.title).toBe("/orchestrator migrate the billing jobs from cron to the new queue worker");
  });

  it("uses a summary whose leaf is a record of this file", async () => {
    expect((await parseOne("variants/claude-code/init-session.jsonl")).title).toBe("Set up CLAUDE.md for tinyapi");
  });
});

describe("4. failures written as text (detected, kept apart from flagged ones)", () => {
  it("marks exit codes, tracebacks, leading Error and refused replacements; exit code 0 and Gemini's Error: (none) are successes", async () => {
    const t = await parseOne("variants/openai-chat/text-failures.jsonl");
    const results = stepsOf(t, "tool_result");
    expect(results.map((r) => (r.isError ? r.errorSource : "ok"))).toEqual([
      "detected",
      "detected",
      "detected",
      "detected",
      "ok",
      "ok",
      "detected",
    ]);
    expect(stepCounts(t).failedResults).toBe(5);
    expect(detectedFailures(t)).toBe(5);
    expect(t.warnings).toContain(
      "5 tool result(s) marked failed from their text (detected, not flagged by the source)",
    );
  });

  it("counts Codex sandbox refusals and rejected patches as failures, and keeps flagged exit codes as the source's", async () => {
    const t = await parseOne("variants/codex-cli/rollout-2025-11-23T11-00-00-sandbox-failures.jsonl");
    expect(stepsOf(t, "tool_result").map((r) => [r.callId, r.isError, r.errorSource ?? null])).toEqual([
      ["call_s1", true, "detected"],
      ["call_p1", true, "detected"],
      ["call_s2", false, null],
    ]);
  });

  it("keeps the heuristic's documented rules", () => {
    expect(looksFailed("Error: (none)\nExit Code: 0")).toBe(false);
    expect(looksFailed("Stderr: boom\nError: (none)\nExit Code: 1")).toBe(true);
    expect(looksFailed("Process exited with code 127")).toBe(true);
    expect(looksFailed("<returncode>0</returncode><output>Error in log line</output>")).toBe(false);
    expect(looksFailed("All good; see Error handling docs")).toBe(false);
  });

  it("leaves formats with their own error flag alone", async () => {
    // Claude Code flags failures itself; its unflagged results are never re-judged from text.
    const t = await parseOne("variants/claude-code/live-copy-cut.jsonl");
    expect(detectedFailures(t)).toBe(0);
    expect(stepCounts(t).failedResults).toBe(1);
  });
});

describe("5. mini-swe-agent's plain-list layout", () => {
  it("is detected as mini-swe-agent and recovers actions and observations", async () => {
    expect(await detected("variants/mini-swe-agent/pallets__text-214.traj.json")).toBe("mini-swe-agent");
    const t = await parseOne("variants/mini-swe-agent/pallets__text-214.traj.json");
    expect(t.format).toBe("mini-swe-agent");
    expect(stepCounts(t)).toMatchObject({ toolCalls: 4, toolResults: 4, failedResults: 1, human: 1, system: 1 });
    expect(humanTurns(t)).toBe(1);
    expect(stepsOf(t, "tool_call")[0].arguments).toEqual({ command: 'grep -rn "def slugify" .' });
    expect(stepsOf(t, "tool_call").filter((c) => c.orphan)).toEqual([]);
    expect(t.source.extra).toMatchObject({ layout: "plain-list" });
  });
});

describe("6. a forced format that does not fit", () => {
  it("refuses a SWE-agent .traj forced as openhands, naming what was expected and what the file looks like", async () => {
    const e = await rejection(parseAll("swe-agent/astropy__astropy-12907.traj", "openhands"));
    expect(e.code).toBe("VALIDATION");
    expect(e.message).toMatch(
      /^astropy__astropy-12907\.traj byte 0: does not fit --format openhands \(OpenHands event stream\): expected a list \(or `history`\) of OpenHands events.*; it looks like swe-agent/,
    );
  });

  it("still lets the reader's own located error through when it has one", async () => {
    const e = await rejection(parseAll("claude-code/session.jsonl", "codex-cli"));
    expect(e.message).toMatch(/^session\.jsonl line 1: expected a Codex rollout record/);
  });

  it("imports the old OpenHands resolver output forced as openhands with its arguments and prompt", async () => {
    const t = await parseOne("variants/openhands/resolver-output.jsonl", "openhands");
    expect(stepsOf(t, "tool_call").every((c) => c.arguments && Object.keys(c.arguments).length > 0)).toBe(true);
    expect(stepsOf(t, "human")).toHaveLength(1);
  });
});

describe("7. LLaMA-Factory {type, value} message parts (reason_tool_use)", () => {
  it("imports text, reasoning and tool_call parts, joining tool results in order", async () => {
    const [a, b] = await parseAll("variants/hf-messages/llamafactory-reason-tool-use.json");
    expect(a.format).toBe("hf-messages");
    expect(stepCounts(a)).toMatchObject({ human: 1, reasoning: 3, assistant: 2, toolCalls: 2, toolResults: 2 });
    expect(stepsOf(a, "tool_call").map((c) => [c.name, c.arguments])).toEqual([
      ["get_weather", { city: "Lyon" }],
      ["convert_temperature", { value: 18, to: "F" }],
    ]);
    expect(stepsOf(a, "tool_result").map((r) => [r.callId, r.name, r.orphan ?? false])).toEqual([
      ["call_0", "get_weather", false],
      ["call_1", "convert_temperature", false],
    ]);
    expect(a.tools.map((x) => x.name)).toEqual(["get_weather", "convert_temperature"]);
    expect(stepCounts(b)).toMatchObject({ system: 1, human: 1, reasoning: 1, assistant: 1 });
  });

  it("names the reader and what it skipped when an unknown layout yields no steps", async () => {
    const { importedNoStepsMessage } = await import("@/lib/formats/testing/no-steps");
    const text = JSON.stringify({ messages: [{ role: "user", content: [{ type: "txt", val: "hi" }] }] });
    const [t] = await collect(await parseFile(memoryInput(text, "odd.json"), auto));
    expect(t.steps).toEqual([]);
    expect(importedNoStepsMessage("odd.json", t)).toMatch(
      /^odd\.json: trajectory 1 of the file has no steps when read as (openai-chat|hf-messages); skipped 1 content part\(s\) of type `txt`/,
    );
  });
});

describe("8. Gemini API Content[] histories", () => {
  it("keeps injected <session_context>/<state_snapshot> parts and bare thought signatures out of human and reasoning counts", async () => {
    const t = await parseOne("variants/gemini-cli/checkpoint-todo-tidy.json");
    expect(stepsOf(t, "human").map((h) => h.text)).toEqual([
      "Summarize my todo list\nand mark the done items.",
      "Now remove the done ones.",
    ]);
    expect(stepsOf(t, "meta").map((m) => m.subtype)).toEqual(["environment", "summary"]);
    expect(stepsOf(t, "reasoning")).toEqual([
      expect.objectContaining({ text: "**Reading the list**\nTwo items are done.", opaque: "CiQB0e2Kb0v8sig2" }),
    ]);
    expect(t.title).toBe("Summarize my todo list");
    expect(humanTurns(t)).toBe(2);
    expect(t.warnings).toContain(
      "skipped 3 thought signature(s) without readable thoughts (opaque; not kept as reasoning steps)",
    );
  });
});

describe("9. visible agent text is not reasoning", () => {
  it("stores the old OpenHands `thought` as assistant text", async () => {
    const t = await parseOne("variants/openhands/resolver-output.jsonl");
    expect(stepsOf(t, "reasoning")).toEqual([]);
    expect(stepsOf(t, "assistant").map((a) => a.text)).toEqual([
      "Let me reproduce the crash first.",
      "Now look at the column lookup.",
      "Default the header to an empty list.",
      "I fixed the crash by defaulting the header row to an empty list.",
    ]);
  });
});

describe("10. a JSONL file whose last line is cut off", () => {
  it("imports the complete lines with a warning naming the cut line", async () => {
    const t = await parseOne("variants/claude-code/live-copy-cut.jsonl");
    expect(stepCounts(t)).toMatchObject({ human: 1, toolCalls: 1, toolResults: 1, assistant: 0 });
    expect(t.warnings[0]).toMatch(/^line 4 is cut off/);
  });

  it("still rejects a cut line that is not the last", async () => {
    const text =
      '{"messages":[{"role":"user","content":"a"}]}\n{"messages":[\n{"messages":[{"role":"user","content":"b"}]}\n';
    const e = await rejection(collect(await parseFile(memoryInput(text, "mid.jsonl"), auto)));
    expect(e.message).toMatch(/^mid\.jsonl line 2: invalid JSON/);
  });

  it("reports a cut last dataset line through the file's warnings", async () => {
    const warnings: string[] = [];
    const text =
      '{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}\n{"messages":[{"role":"us';
    const input = { ...memoryInput(text, "live.jsonl"), warn: (m: string) => warnings.push(m) };
    expect(await collect(await parseFile(input, auto))).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/^line 2 is cut off/)]);
  });
});

describe("12. smaller variants", () => {
  it("Codex IDE sessions: the request after the IDE context is the human message", async () => {
    const t = await parseOne("variants/codex-cli/rollout-2025-11-23T12-00-00-ide-context.jsonl");
    expect(stepsOf(t, "human").map((h) => h.text)).toEqual([
      "add a readiness endpoint next to /health that checks the database",
    ]);
    expect(stepsOf(t, "meta")[1].text).toMatch(/^# Context from my IDE setup:/);
  });

  it("mini-swe-agent v2: results carry their tool name and the exit message answers the submit call", async () => {
    const t = await parseOne("variants/mini-swe-agent/v2-submit.traj.json");
    expect(stepsOf(t, "tool_result").map((r) => [r.callId, r.name, r.orphan ?? false])).toEqual([
      ["call_m1", "bash", false],
      ["call_m2", "bash", false],
    ]);
    expect(stepsOf(t, "tool_result")[1].output).toBe("diff --git a/src/a.py b/src/a.py\n");
    expect(stepsOf(t, "tool_call").filter((c) => c.orphan)).toEqual([]);
  });
});

describe("13. codex exec --json event streams", () => {
  it("is detected and imported: commands, file changes, MCP calls, searches, plan, usage", async () => {
    expect(await detected("variants/codex-exec/exec-fix-dates.jsonl")).toBe("codex-exec");
    const t = await parseOne("variants/codex-exec/exec-fix-dates.jsonl");
    expect(t.format).toBe("codex-exec");
    expect(t.source.sessionId).toBe("019ab3e4-f506-7172-8c83-d4e5f6071829");
    expect(stepCounts(t)).toMatchObject({ reasoning: 1, assistant: 1, toolCalls: 5, toolResults: 4, failedResults: 1 });
    expect(stepsOf(t, "tool_call").map((c) => c.name)).toEqual([
      "shell",
      "apply_patch",
      "shell",
      "github.create_pull_request",
      "web_search",
    ]);
    expect(stepsOf(t, "tool_result").map((r) => [r.callId, r.isError, r.errorSource ?? null])).toEqual([
      ["item_1", true, null],
      ["item_2", false, null],
      ["item_3", false, null],
      ["item_4", false, null],
    ]);
    expect(stepsOf(t, "tool_call").filter((c) => c.orphan)).toEqual([]);
    expect(t.usage).toEqual({ input: 24017, cacheRead: 19840, output: 612 });
  });
});

describe("14. old OpenHands flat event lists (openhands-resolver)", () => {
  it("is detected as openhands and pairs each observation with its action", async () => {
    expect(await detected("variants/openhands/resolver-output.jsonl")).toBe("openhands");
    const t = await parseOne("variants/openhands/resolver-output.jsonl");
    expect(stepCounts(t)).toMatchObject({ human: 1, toolCalls: 4, toolResults: 4, failedResults: 1 });
    expect(stepsOf(t, "tool_call").map((c) => c.name)).toEqual(["run", "run_ipython", "edit", "run"]);
    expect(stepsOf(t, "tool_call")[0].arguments).toMatchObject({
      command: "cd /workspace && python -m csvkit.utilities.csvcut -c 1 tests/examples/empty.csv",
    });
    expect(stepsOf(t, "tool_result").map((r) => r.output.split("\n")[0])).toEqual([
      "Traceback (most recent call last):",
      "    column_names = next(rows)",
      "[File: /workspace/csvkit/utilities/csvcut.py (81 lines total after edit)]",
      "12 passed in 0.41s",
    ]);
    expect(t.source.sessionId).toBe("acme/csvkit#57");
    expect(t.source.extra).toMatchObject({ layout: "flat-events", success: true });
  });
});

describe("15. ATIF sub-agent references", () => {
  it("lists the referenced sub-agent sessions for linking within the import", async () => {
    const t = await parseOne("variants/atif/terminus-2-hello-world.trajectory.json");
    expect(t.source.extra).toMatchObject({
      subagentSessionIds: ["a3f0c2d4-terminus-2-hello-world-summarization-1-summary"],
    });
    const child = await parseOne("variants/atif/trajectory.summarization-1-summary.json");
    expect(child.source.sessionId).toBe("a3f0c2d4-terminus-2-hello-world-summarization-1-summary");
  });
});

describe("14b. a resolver line bigger than the detection head", () => {
  it("is still detected as openhands from its opening", async () => {
    const line = (await import("node:fs")).readFileSync(
      fixturePath("variants/openhands/resolver-output.jsonl"),
      "utf8",
    );
    const doc = JSON.parse(line) as { history: { content?: string }[] };
    doc.history[2].content = `${doc.history[2].content}\n${"x".repeat(300 * 1024)}`;
    // Keys in the order the resolver writes them: the issue and instruction come before history.
    const big = JSON.stringify(doc);
    const sample = await readDetectSample(memoryInput(big, "output.jsonl"));
    expect(sample.records).toBeNull();
    expect(detectSample(sample)?.module.name).toBe("openhands");
  });
});
