import { describe, expect, it } from "vitest";
import { geminiCliFormat, GeminiSessionBuilder } from "@/lib/formats/gemini-cli";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";
import { AppError } from "@/lib/errors/app-error";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const JSONL = fixturePath("gemini-cli/session-2025-12-01T10-00-7f3c9a1b.jsonl");
const LEGACY = fixturePath("gemini-cli/session-2025-11-20T09-15-1a2b3c4d.json");
const CHECKPOINT = fixturePath("gemini-cli/checkpoint-parser-fix.json");

const parseOne = async (input: Parameters<typeof geminiCliFormat.parse>[0]): Promise<ParsedTrajectory> => {
  const all = await collect(geminiCliFormat.parse(input, opts));
  expect(all).toHaveLength(1);
  return all[0];
};
const count = (t: ParsedTrajectory, kind: StepKind) => t.steps.filter((s) => s.kind === kind).length;
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("gemini-cli JSONL session", () => {
  it("replays upserts, $set and $rewindTo into the final history", async () => {
    const t = await parseOne(fileInput(JSONL));
    expect(t.format).toBe("gemini-cli");
    expect(count(t, "human")).toBe(2);
    expect(count(t, "reasoning")).toBe(3);
    expect(count(t, "assistant")).toBe(2);
    expect(count(t, "tool_call")).toBe(5);
    expect(count(t, "tool_result")).toBe(4);
    expect(of(t, "tool_result").filter((r) => r.isError)).toHaveLength(1);
    expect(count(t, "meta")).toBe(1);
    // The rewound prompt and its cancelled call are gone.
    expect(of(t, "human").map((h) => h.text)).not.toContain("Actually, also run the whole test suite with coverage.");
    expect(t.steps.some((s) => s.kind === "tool_call" && s.callId === "run_shell_command-1764583304000-aa11bb")).toBe(
      false,
    );
    // `$set` patches: summary becomes the title, lastUpdated the end.
    expect(t.title).toBe("Fix empty-input crash in the parser");
    expect(t.source.endedAt).toBe("2025-12-01T10:04:36.000Z");
    expect(t.source.sessionId).toBe("7f3c9a1b-52d4-4e8a-9c1f-0b6a2d9e4c31");
    expect(t.source.model).toBe("gemini-2.5-pro");
    expect(t.warnings).toContain("skipped 1 record(s) of unknown shape");
  });

  it("keeps the last version of a re-appended message", async () => {
    const t = await parseOne(fileInput(JSONL));
    const first = t.steps.filter((s) => s.source?.id === "b2e4c6a8-1d3f-4b5a-9c7e-2f4a6c8e0b1d");
    // Line 5 is the third write of that id: both calls with results, and tokens.
    expect(first.every((s) => s.source?.line === 5)).toBe(true);
    expect(first.filter((s) => s.kind === "tool_call")).toHaveLength(2);
    expect(first[0].usage).toEqual({ input: 5210, output: 84, cacheRead: 1024, reasoning: 161, total: 5455 });
    expect(t.usage).toEqual({ input: 20680, output: 354, cacheRead: 13312, reasoning: 257, total: 21291 });
  });

  it("joins results to calls, flags the error payload and the unfinished call", async () => {
    const t = await parseOne(fileInput(JSONL));
    const calls = of(t, "tool_call");
    const results = of(t, "tool_result");
    for (const r of results) expect(calls.map((c) => c.callId)).toContain(r.callId);
    const failed = results.find((r) => r.isError);
    expect(failed?.callId).toBe("read_file-1764583207114-9a1d3e");
    expect(failed?.output).toBe("File not found: /home/dev/parsekit/src/parsr.py");
    const orphan = calls.filter((c) => c.orphan);
    expect(orphan.map((c) => c.name)).toEqual(["run_shell_command"]);
    expect(orphan[0].arguments).toEqual({ command: 'git commit -am "parser: handle empty input"' });
    expect(t.warnings).toContain("1 tool call(s) have no result");
    // Tool results are never human turns.
    expect(of(t, "human").some((h) => h.text.includes("Found 3 matches"))).toBe(false);
    const edit = results.find((r) => r.name === "replace");
    expect(edit?.structured).toMatchObject({ resultDisplay: { fileName: "parser.py" } });
  });

  it("normalises timestamps to UTC and keeps the raw value", async () => {
    const t = await parseOne(fileInput(JSONL));
    const feedback = of(t, "human")[1];
    expect(feedback.text).toMatch(/^Skip the TODOs/);
    expect(feedback.timestamp).toBe("2025-12-01T10:03:20.000Z");
    expect(feedback.timestampRaw).toBe("2025-12-01T12:03:20.000+02:00");
    // Thought and tool-result times come from their own records.
    expect(of(t, "reasoning")[0].timestamp).toBe("2025-12-01T10:00:07.200Z");
    expect(of(t, "tool_result")[0].timestamp).toBe("2025-12-01T10:00:09.400Z");
    for (const s of t.steps) expect(s.timestamp).toMatch(/Z$/);
  });

  it("replaces the history on $set.messages and clears it on an unknown $rewindTo", async () => {
    const meta = { sessionId: "s1", projectHash: "p1", startTime: "2025-12-01T10:00:00Z" };
    const msg = (id: string, type: string, text: string) => ({
      id,
      type,
      timestamp: "2025-12-01T10:00:01Z",
      content: [{ text }],
    });
    const replaced = [
      meta,
      msg("a", "user", "one"),
      msg("b", "gemini", "two"),
      { $set: { messages: [msg("s", "user", "summary of earlier work")] } },
      msg("c", "user", "three"),
    ];
    const t1 = await parseOne(memoryInput(replaced.map((r) => JSON.stringify(r)).join("\n"), "s.jsonl"));
    expect(t1.steps.map((s) => ("text" in s ? s.text : ""))).toEqual(["summary of earlier work", "three"]);
    expect(t1.warnings.some((w) => w.includes("replaced on line 4"))).toBe(true);

    const b = new GeminiSessionBuilder("live.jsonl");
    b.push(meta, 1);
    b.push(msg("a", "user", "one"), 2);
    b.push(msg("b", "gemini", "two"), 3);
    expect(b.finish().steps).toHaveLength(2);
    b.push({ $rewindTo: "b" }, 4);
    expect(b.finish().steps.map((s) => s.kind)).toEqual(["human"]);
    b.push(msg("a", "user", "one, edited"), 5);
    const edited = b.finish();
    expect(edited.steps).toHaveLength(1);
    expect(edited.steps[0]).toMatchObject({ kind: "human", text: "one, edited", source: { line: 5, id: "a" } });
    b.push({ $rewindTo: "missing" }, 6);
    expect(b.finish().steps).toHaveLength(0);
  });
});

describe("gemini-cli legacy JSON and checkpoints", () => {
  it("reads a legacy ConversationRecord", async () => {
    const t = await parseOne(fileInput(LEGACY));
    expect(count(t, "human")).toBe(2);
    expect(count(t, "reasoning")).toBe(1);
    expect(count(t, "tool_call")).toBe(2);
    expect(count(t, "tool_result")).toBe(2);
    expect(
      of(t, "tool_result")
        .filter((r) => r.isError)
        .map((r) => r.output),
    ).toEqual(["Permission denied: /srv/app/scripts/tag.sh"]);
    expect(count(t, "assistant")).toBe(1);
    expect(count(t, "error")).toBe(1);
    expect(t.source.model).toBe("gemini-2.5-flash");
    expect(t.title).toBe("What does `make release` do in this repo? Don't run it.");
  });

  it("converts a checkpoint Content history, joining id-less calls by order", async () => {
    const t = await parseOne(fileInput(CHECKPOINT));
    expect(t.steps.map((s) => s.kind)).toEqual([
      "system",
      "assistant",
      "human",
      "reasoning",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_result",
      "human",
      "assistant",
    ]);
    const [call1, call2] = of(t, "tool_call");
    const [res1, res2] = of(t, "tool_result");
    expect(res1.callId).toBe(call1.callId);
    expect(call2.callId).toBe("gemini-call-1");
    expect(res2).toMatchObject({
      callId: "gemini-call-1",
      isError: true,
      output: "Command exited with code 1: IndexError: list index out of range",
    });
    const human = of(t, "human")[0];
    expect(human.media).toHaveLength(1);
    expect(human.media?.[0].mime).toBe("image/png");
    expect(human.text).not.toContain("iVBOR");
    expect(of(t, "reasoning")[0].opaque).toBe("CiQB0e2Kb3xq0lFh1mX9sZ2VjcmV0LXNpZ25hdHVyZS1ibG9i");
    expect(t.source.extra).toMatchObject({ checkpoint: true, authType: "oauth-personal" });
  });
});

describe("gemini-cli detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(geminiCliFormat, [JSONL, LEGACY, CHECKPOINT]));

  it("detects every fixture", async () => {
    for (const f of [JSONL, LEGACY, CHECKPOINT]) {
      const sample = await readDetectSample(fileInput(f));
      expect(geminiCliFormat.detect(sample), f).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("recognises a big legacy document from its head alone", () => {
    const head =
      '{\n  "sessionId": "1a2b",\n  "projectHash": "ab12",\n  "startTime": "2025-11-20T09:15:02.114Z",\n  "messages": [\n    {"id": "x", "type": "user", "cont';
    expect(geminiCliFormat.detect({ filename: "s.json", head, isZip: false, records: null, document: undefined })).toBe(
      0.9,
    );
  });

  it("does not claim other shapes", () => {
    const claude = [{ type: "user", uuid: "u1", sessionId: "s", message: { role: "user", content: "hi" } }];
    expect(
      geminiCliFormat.detect({ filename: "c.jsonl", head: "", isZip: false, records: claude, document: undefined }),
    ).toBe(0);
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(
      geminiCliFormat.detect({
        filename: "c.json",
        head: JSON.stringify(chat),
        isZip: false,
        records: [chat],
        document: chat,
      }),
    ).toBe(0);
  });
});

describe("gemini-cli malformed input", () => {
  const expectError = async (input: ReturnType<typeof memoryInput>, pattern: RegExp) => {
    const err = await collect(geminiCliFormat.parse(input, opts)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(pattern);
  };

  it("names the line of invalid JSON in a session log", async () => {
    const lines = [
      '{"sessionId":"s","projectHash":"p"}',
      '{"id":"a","type":"user","content":"hi"}',
      '{"id":"b","type":"gemini",',
      // A cut line is tolerated only as the last line (a live copy); anywhere else it rejects the file.
      '{"$set":{"lastUpdated":"2025-12-01T10:00:12.000Z"}}',
    ];
    await expectError(memoryInput(lines.join("\n"), "bad.jsonl"), /^bad\.jsonl line 3: invalid JSON/);
  });

  it("reports a truncated legacy document", async () => {
    const text = (await import("node:fs")).readFileSync(LEGACY, "utf8");
    await expectError(memoryInput(text.slice(0, 900), "cut.json"), /^cut\.json line \d+: invalid JSON/);
  });

  it("rejects a file that is not a Gemini session", async () => {
    await expectError(
      memoryInput('{"foo":1}\n{"bar":2}\n', "other.jsonl"),
      /^other\.jsonl line 1: expected Gemini CLI session metadata/,
    );
    // A Claude Code transcript forced through this parser: `sessionId` alone is not Gemini metadata.
    const claude = [{ type: "user", uuid: "u1", sessionId: "s", message: { role: "user", content: "hi" } }];
    await expectError(
      memoryInput(claude.map((r) => JSON.stringify(r)).join("\n"), "claude.jsonl"),
      /^claude\.jsonl line 1: expected Gemini CLI session metadata/,
    );
    await expectError(
      memoryInput('{\n"conversations": []\n}', "other.json"),
      /^other\.json byte 0: expected a Gemini CLI session/,
    );
    await expectError(
      memoryInput('{"history": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "bot"}]}\n', "cp.json"),
      /^cp\.json field history\[1\]: expected a Gemini Content object/,
    );
  });
});
