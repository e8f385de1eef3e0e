import { dirname } from "node:path";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { inspectAiFormat } from "@/lib/formats/inspect-ai";
import { collect, fileInput, fixturePath, memoryInput } from "@/lib/formats/testing/input";
import { rejection } from "@/lib/formats/testing/rejection";
import { expectClaimsOnlyItsFixtures } from "@/lib/formats/testing/detection";
import { readTree, writeZip } from "@/lib/formats/testing/zip";
import { readDetectSample } from "@/lib/formats/detect";
import { DEFAULT_MAX_DOCUMENT_BYTES, type FormatInput } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, StepKind } from "@/lib/trajectory/types";

const opts = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const EVAL_DIR = fixturePath("inspect-ai/eval");
const JSON_LOG = fixturePath("inspect-ai/2025-05-02T09-30-00+02-00_swe-bench-lite-mini_Pq7rS9tU.json");

const built: string[] = [];
const track = (path: string): string => {
  built.push(path);
  return path;
};
const buildEval = (members = readTree(EVAL_DIR), name = "2025-05-01T10-00-00+00-00_gdm-intercode-ctf_Zb3kQw9s.eval") =>
  track(writeZip(members, name, ["_journal/start.json"]));
afterAll(() => {
  for (const p of built) rmSync(dirname(p), { recursive: true, force: true });
});
const parseAll = (input: FormatInput) => collect(inspectAiFormat.parse(input, opts));
const of = <K extends StepKind>(t: ParsedTrajectory, kind: K) =>
  t.steps.filter((s): s is Extract<ParsedStep, { kind: K }> => s.kind === kind);

describe("inspect-ai .eval archive", () => {
  it("yields one trajectory per sample member", async () => {
    const all = await parseAll(fileInput(buildEval()));
    expect(all.map((t) => t.source.extra?.sampleId)).toEqual(["ctf-017", "ctf-018"]);
    for (const t of all) {
      expect(t.format).toBe("inspect-ai");
      expect(t.source).toMatchObject({ agent: "inspect-ai", model: "openai/gpt-4o", version: "0.3.104" });
      expect(t.source.extra).toMatchObject({
        task: "gdm_intercode_ctf",
        epoch: 1,
        evalId: "Zb3kQw9sTn2xV8cLmP4rJa",
        status: "success",
      });
    }
  });

  it("maps messages: reasoning, calls, results with errors, and human turns", async () => {
    const [t] = await parseAll(fileInput(buildEval()));
    expect(of(t, "system")).toHaveLength(1);
    expect(of(t, "human")).toHaveLength(2);
    expect(of(t, "reasoning")).toHaveLength(2);
    expect(of(t, "assistant")).toHaveLength(3);
    expect(of(t, "tool_call")).toHaveLength(4);
    expect(of(t, "tool_result")).toHaveLength(4);
    const failed = of(t, "tool_result").filter((r) => r.isError);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      callId: "call_cat",
      name: "bash",
      structured: { error: { type: "unknown", message: "base64: invalid input" } },
    });
    expect(of(t, "tool_result").map((r) => r.callId)).toEqual(of(t, "tool_call").map((c) => c.callId));
    expect(of(t, "reasoning")[0]).toMatchObject({
      text: "List the directory first to see what we are dealing with.",
      hidden: false,
      opaque: "sig-7a1c",
    });
    expect(of(t, "human")[1].text).toMatch(/^Operator hint/);
    expect(t.title).toBe("gdm_intercode_ctf · sample ctf-017 (epoch 1)");
    expect(t.source.extra?.scores).toEqual({
      includes: {
        value: "C",
        answer: "picoCTF{x0r_4nd_n0t_b4s3}",
        explanation: "The flag is picoCTF{x0r_4nd_n0t_b4s3}.",
      },
    });
    expect(t.tools.map((x) => x.name)).toEqual(["bash", "python"]);
  });

  it("resolves attachment:// references, including images", async () => {
    const [t, t2] = await parseAll(fileInput(buildEval()));
    expect(of(t, "system")[0].text).toMatch(/^You are a Capture the Flag \(CTF\) player/);
    expect(of(t, "tool_result")[0].output).toMatch(/^total 24\n/);
    const hint = of(t, "human")[1];
    expect(hint.media).toEqual([{ mime: "image/png", size: 70, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(JSON.stringify(t.steps)).not.toContain("attachment://");
    expect(t.source.extra?.attachmentsResolved).toBe(3);
    // An unknown hash stays visible and is reported.
    expect(of(t2, "tool_result")[0].output).toBe("attachment://deadbeefdeadbeefdeadbeefdeadbeef");
    expect(t2.warnings).toContain(
      "1 attachment reference(s) could not be resolved and were kept as `attachment://` links",
    );
  });

  it("takes timestamps, truncation and usage from events", async () => {
    const [t] = await parseAll(fileInput(buildEval()));
    const [ls] = of(t, "tool_call");
    expect(ls.timestamp).toBe("2025-05-01T10:00:03.250Z");
    expect(ls.timestampRaw).toBe("2025-05-01T10:00:03.250000+00:00");
    expect(of(t, "tool_result")[0]).toMatchObject({ truncated: true, timestamp: "2025-05-01T10:00:03.900Z" });
    expect(of(t, "human")[0].timestamp).toBe("2025-05-01T10:00:01.000Z");
    expect(t.usage).toEqual({ input: 7470, output: 226, cacheRead: 4480, total: 7696 });
    expect(t.steps.filter((s) => s.usage)).toHaveLength(4);
  });

  it("keeps redacted reasoning opaque and records the sample limit", async () => {
    const [, t] = await parseAll(fileInput(buildEval()));
    expect(of(t, "reasoning")[0]).toMatchObject({
      hidden: true,
      text: "Considered checking environment variables.",
      opaque: "gAAAAABoEncryptedReasoningBlob==",
    });
    expect(t.steps.at(-1)).toMatchObject({ kind: "meta", subtype: "interruption", text: "message limit reached (4)" });
  });

  it("reads a running log from _journal/start.json when header.json is missing", async () => {
    const members = readTree(EVAL_DIR);
    delete members["header.json"];
    const all = await parseAll(fileInput(buildEval(members)));
    expect(all).toHaveLength(2);
    expect(all[0].source.extra?.status).toBeUndefined();
    expect(all[0].source.extra?.task).toBe("gdm_intercode_ctf");
  });
});

describe("inspect-ai JSON log", () => {
  it("converts every inline sample", async () => {
    const all = await parseAll(fileInput(JSON_LOG));
    expect(all).toHaveLength(1);
    const t = all[0];
    expect(t.source).toMatchObject({
      model: "anthropic/claude-3-7-sonnet-20250219",
      sessionId: "Zz9yX8wV7uT6sR5qP4oN3m",
    });
    expect(t.source.extra).toMatchObject({ sampleId: 7, task: "swe_bench_lite_mini" });
    expect(t.steps.map((s) => s.kind)).toEqual([
      "system",
      "human",
      "reasoning",
      "assistant",
      "tool_call",
      "tool_result",
      "tool_call",
      "tool_result",
      "assistant",
    ]);
    expect(of(t, "tool_result").map((r) => r.isError)).toEqual([true, false]);
    expect(of(t, "tool_result")[0].output).toMatch(/^F\n____ test_parse_us_date/);
    expect(of(t, "system")[0].text).toMatch(/^You are an expert software engineer\./);
    // +02:00 offsets become UTC.
    expect(of(t, "tool_call")[0].timestamp).toBe("2025-05-02T07:30:04.500Z");
    expect(t.source.startedAt).toBe("2025-05-02T07:30:01.000Z");
    expect(t.usage).toEqual({ input: 10000, output: 155, cacheRead: 6300, total: 10155 });
  });
});

describe("inspect-ai detection", () => {
  it("outranks the registered formats on its fixtures and claims none of theirs", () =>
    expectClaimsOnlyItsFixtures(inspectAiFormat, [buildEval(), JSON_LOG]));

  it("detects both fixtures", async () => {
    expect(inspectAiFormat.detect(await readDetectSample(fileInput(buildEval())))).toBe(0.95);
    expect(inspectAiFormat.detect(await readDetectSample(fileInput(JSON_LOG)))).toBe(0.95);
  });

  it("recognises a big JSON log from its head", () => {
    const head = '{\n  "version": 2,\n  "status": "success",\n  "eval": {\n    "eval_id": "x",';
    expect(
      inspectAiFormat.detect({ filename: "log.json", head, isZip: false, records: null, document: undefined }),
    ).toBe(0.9);
    const chat = { messages: [{ role: "user", content: "hi" }] };
    expect(
      inspectAiFormat.detect({
        filename: "c.json",
        head: JSON.stringify(chat),
        isZip: false,
        records: [chat],
        document: chat,
      }),
    ).toBe(0);
  });
});

describe("inspect-ai malformed input", () => {
  const failure = (input: FormatInput) => rejection(parseAll(input));

  it("rejects a corrupt zip with the byte offset", async () => {
    const path = buildEval();
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 40));
    const e = await failure(fileInput(path));
    expect(e.message).toMatch(
      /^2025-05-01T10-00-00\+00-00_gdm-intercode-ctf_Zb3kQw9s\.eval byte \d+: not a readable zip archive \(.*\); expected an Inspect \.eval log/,
    );
    expect(e.location?.offset).toBeTypeOf("number");
    const garbage = buildEval({}, "garbage.eval");
    writeFileSync(garbage, Buffer.from("PK\u0003\u0004 this is not really a zip file"));
    expect((await failure(fileInput(garbage))).message).toMatch(/^garbage\.eval byte \d+: not a readable zip archive/);
  });

  it("names the member and line of invalid JSON inside the archive", async () => {
    const members = readTree(EVAL_DIR);
    members["samples/ctf-018_epoch_1.json"] = Buffer.from('{\n  "id": "ctf-018",\n  "epoch": 1\n  "messages": []\n}');
    const e = await failure(fileInput(buildEval(members, "bad.eval")));
    expect(e.message).toMatch(/^bad\.eval member samples\/ctf-018_epoch_1\.json line 4: invalid JSON/);
  });

  it("refuses a zip that is not an Inspect log, and an archive without a path", async () => {
    const other = track(writeZip({ "word/document.xml": Buffer.from("<w:document/>") }, "report.eval"));
    expect((await failure(fileInput(other))).message).toMatch(
      /^report\.eval byte 0: the zip has no header\.json, _journal\/start\.json or samples\/ members/,
    );
    const bytes = readFileSync(buildEval());
    const e = await failure(memoryInput(bytes, "upload.eval"));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(
      /^upload\.eval: an Inspect \.eval archive is read by random access and needs a file on disk/,
    );
  });

  it("names the line of invalid JSON in a JSON log and reports truncation", async () => {
    const text = readFileSync(JSON_LOG, "utf8");
    const broken = text.replace('"status": "success",', '"status": "success"');
    expect((await failure(memoryInput(broken, "log.json"))).message).toMatch(/^log\.json line 4: invalid JSON/);
    expect((await failure(memoryInput(text.slice(0, 3000), "cut.json"))).message).toMatch(
      /^cut\.json line \d+: invalid JSON/,
    );
  });

  it("rejects other JSON structures", async () => {
    expect((await failure(memoryInput('{"messages": []}', "a.json"))).message).toMatch(
      /^a\.json field eval: expected an Inspect eval log/,
    );
    expect((await failure(memoryInput('{"version": 2, "eval": {"task": "t"}}', "b.json"))).message).toMatch(
      /^b\.json field samples: the log holds no samples/,
    );
    expect(
      (await failure(memoryInput('{"version": 2, "eval": {"task": "t"}, "samples": [{"id": 1}]}', "c.json"))).message,
    ).toMatch(/^c\.json field samples\[0\]\.messages: expected an Inspect sample/);
  });
});
