import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { exportSamples, parseExportFormat } from "@/lib/export/export-samples";
import { MemorySink } from "@/lib/export/sinks/memory-sink";
import { ZipSink } from "@/lib/export/sinks/zip-sink";
import { arraySource, sampleOf, SHELL_TOOL, shellSession, withKeys } from "@/lib/export/testing/samples";
import { dropNulls, readParquetWithDuckDb } from "@/lib/export/testing/read-parquet";
import type { ExportFormat, ExportOptions, ExportSample, Manifest } from "@/lib/export/types";
import { AppError } from "@/lib/errors/app-error";

const OPTS: ExportOptions = {
  name: "agentic-demo",
  project: { slug: "demo", name: "Demo" },
  release: { number: 3, approvedBy: "lead@example.com" },
  selection: { targetSize: 2, quotas: { vibe: 1, research: 1 }, maxTokens: 125000 },
};

function twoSamples(): ExportSample[] {
  return [
    sampleOf("traj-a", shellSession(30), [SHELL_TOOL], {
      domain: "vibe",
      query: { text: "List the files.", source: "human" },
      tokens: { tokenizer: "o200k", count: 1200, template: "chatml", templateCount: 1350 },
      scores: { "ann@example.com": 4 },
    }),
    sampleOf(
      "traj-b",
      [
        { kind: "human", text: "Say hi." },
        { kind: "assistant", text: "Hi!" },
      ],
      [],
      { domain: "research", query: { text: "Say hi.", source: "pr" } },
    ),
  ];
}

async function run(format: ExportFormat, samples = twoSamples(), opts: Partial<ExportOptions> = {}) {
  const sink = new MemorySink();
  const result = await exportSamples(arraySource(samples), format, { ...OPTS, ...opts }, sink);
  return { sink, result };
}

describe("limi export", () => {
  it("writes {tools, messages} with object arguments and the parquet DuckDB reads back the same", async () => {
    const { sink, result } = await run("limi");
    const json = JSON.parse(sink.text("data/train.json"));
    expect(json).toHaveLength(2);
    const call = json[0].messages[2].tool_calls[0];
    expect(call).toEqual({
      id: "call_1",
      type: "function",
      function: { name: "run_shell_command", arguments: { command: "ls", timeout: 30 } },
    });
    expect(json[0].messages[3]).toEqual({ role: "tool", content: "a.txt\nb.txt", tool_call_id: "call_1" });
    expect(json[0].messages[2].reasoning_content).toBe("Start with ls.");

    const back = await readParquetWithDuckDb(sink.files.get("data/train.parquet")!);
    expect(back.columns.map((c) => c.name)).toEqual(["tools", "messages"]);
    expect(back.columns[1].type).toContain("arguments STRUCT(command VARCHAR, timeout BIGINT)");
    expect(back.rows.map(dropNulls)).toEqual(json.map(dropNulls));
    expect(result.files.map((f) => f.path)).toEqual([
      "data/train.json",
      "data/train.parquet",
      "manifest.json",
      "README.md",
    ]);
  });

  it("parquet keeps booleans, floats, nested objects, lists, nulls and non-ASCII text as DuckDB reads them", async () => {
    const args = [
      { flag: true, ratio: 0.5, tags: ["a", "b"], opts: { depth: 2, mode: "fast" }, note: null },
      { flag: false, ratio: 1.25, tags: [], opts: { depth: 3 }, note: "Grüße, 世界 ✓" },
    ];
    const samples = args.map((a, i) =>
      sampleOf(`t${i}`, [
        { kind: "human", text: i ? "naïve café ☕" : "plain" },
        { kind: "tool_call", callId: `c${i}`, name: "probe", arguments: a },
        { kind: "tool_result", callId: `c${i}`, output: "ok", isError: false, truncated: false },
        { kind: "assistant", text: "done" },
      ]),
    );
    const { sink } = await run("limi", samples, { rowGroupSize: 1 });
    const json = JSON.parse(sink.text("data/train.json"));
    const back = await readParquetWithDuckDb(sink.files.get("data/train.parquet")!);
    expect(back.columns[1].type).toContain(
      'arguments STRUCT(flag BOOLEAN, ratio DOUBLE, tags VARCHAR[], opts STRUCT(depth BIGINT, "mode" VARCHAR), note VARCHAR)',
    );
    expect(back.rows.map(dropNulls)).toEqual(json.map(dropNulls));
    expect((back.rows[1].messages as Array<{ content: string }>)[0].content).toBe("naïve café ☕");
  });

  it("writes one parquet row group per rowGroupSize rows", async () => {
    const many = Array.from({ length: 7 }, (_, i) => sampleOf(`t${i}`, shellSession(i), [SHELL_TOOL]));
    const { sink } = await run("limi", many, { rowGroupSize: 3 });
    const back = await readParquetWithDuckDb(sink.files.get("data/train.parquet")!);
    expect(back.rows).toHaveLength(7);
    expect(back.rowGroups).toBe(3);
  });

  it("repeats the set N times in order and renders the tool catalogue into the system prompt", async () => {
    const { sink, result } = await run("limi", undefined, { repeat: 2, toolsInSystemPrompt: true });
    const json = JSON.parse(sink.text("data/train.json"));
    expect(json).toHaveLength(4);
    expect(json[2]).toEqual(json[0]);
    expect(json[0].messages[0].content).toBe(
      "You are a coding agent.\n\nYou have access to the following tools:\n\n" +
        "1. **run_shell_command**: Run a bash command in the workspace.\n   Parameters:\n" +
        "   - command (string) (required): The command.\n   - timeout (integer): Seconds.\n\n" +
        "Use these tools by making function calls when they help you complete the task.",
    );
    // A sample without tools gets no catalogue.
    expect(json[1].messages[0]).toEqual({ role: "user", content: "Say hi." });
    const back = await readParquetWithDuckDb(sink.files.get("data/train.parquet")!);
    expect(back.rows).toHaveLength(4);
    expect(result.manifest.counts).toMatchObject({ samples: 2, rows: 4 });
  });

  it("refuses a set whose argument types conflict, naming the argument and the samples, and writes nothing", async () => {
    const samples = [
      sampleOf("t-int", shellSession(30), [SHELL_TOOL]),
      sampleOf("t-str", shellSession("30s"), [SHELL_TOOL]),
      sampleOf("t-int2", shellSession(5), [SHELL_TOOL]),
    ];
    for (const format of ["limi", "hf-messages"] as const) {
      const sink = new MemorySink();
      const err = await exportSamples(arraySource(samples), format, OPTS, sink).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("VALIDATION");
      expect((err as AppError).message).toContain(
        'tool-call argument "timeout" has more than one type across the set: integer in samples t-int, t-int2; string in sample t-str',
      );
      expect(sink.files.size).toBe(0);
      expect(sink.aborted).toBe(true);
    }
  });

  it("refuses arguments that are not an object, an empty set and a sample twice", async () => {
    const bad = sampleOf("t-raw", [
      { kind: "human", text: "x" },
      { kind: "tool_call", callId: "c9", name: "sh", arguments: null, argumentsRaw: "ls -la" },
    ]);
    await expect(run("openai", [bad])).rejects.toThrow(
      'sample t-raw, step s2: the arguments of tool call c9 (sh) are not a JSON object ("ls -la")',
    );
    await expect(run("openai", [])).rejects.toThrow("the set is empty");
    const [a] = twoSamples();
    await expect(run("openai", [a, a])).rejects.toThrow("sample traj-a revision 1 is in the set twice");
  });

  it("refuses unknown formats and bad options before reading anything", async () => {
    expect(() => parseExportFormat("csv")).toThrow('Unknown export format "csv"; expected one of limi, openai');
    const src = arraySource(twoSamples());
    await expect(exportSamples(src, "openai", { ...OPTS, repeat: 2 }, new MemorySink())).rejects.toThrow(
      "options of the limi format only",
    );
    await expect(exportSamples(src, "limi", { ...OPTS, repeat: 0 }, new MemorySink())).rejects.toThrow(
      "repeat must be a whole number from 1 to 100",
    );
    expect(src.opened).toBe(0);
  });
});

describe("other formats", () => {
  it("openai: arguments as JSON strings, no reasoning field, counted in the manifest", async () => {
    const { sink, result } = await run("openai");
    const rows = sink
      .text("data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows[0].messages[2]).toEqual({
      role: "assistant",
      content: "I'll look at the workspace.",
      tool_calls: [
        {
          id: "call_1",
          type: "function",
          function: { name: "run_shell_command", arguments: '{"command":"ls","timeout":30}' },
        },
      ],
    });
    expect(rows[0].tools[0].function.name).toBe("run_shell_command");
    expect(rows[1].tools).toBeUndefined();
    expect(result.manifest.notes).toEqual([
      "samples whose reasoning was left out (the OpenAI fine-tuning format has no reasoning field): 1 (traj-a)",
    ]);
  });

  it("sharegpt: LLaMA-Factory turns, tools as a JSON string, and its dataset_info.json entry", async () => {
    const { sink, result } = await run("sharegpt");
    const [a, b] = JSON.parse(sink.text("data/train.json"));
    expect(a.system).toBe("You are a coding agent.");
    expect(JSON.parse(a.tools)[0].name).toBe("run_shell_command");
    expect(a.conversations.map((t: { from: string }) => t.from)).toEqual([
      "human",
      "function_call",
      "observation",
      "human",
      "function_call",
      "observation",
      "function_call",
      "observation",
      "gpt",
    ]);
    expect(a.conversations[1].value).toBe(
      '<think>Start with ls.</think>{"name":"run_shell_command","arguments":{"command":"ls","timeout":30}}',
    );
    expect(b.conversations).toEqual([
      { from: "human", value: "Say hi." },
      { from: "gpt", value: "Hi!" },
    ]);
    expect(JSON.parse(sink.text("data/dataset_info.json"))["agentic-demo"]).toMatchObject({
      file_name: "train.json",
      formatting: "sharegpt",
      columns: { messages: "conversations", system: "system", tools: "tools" },
    });
    // The text beside the first call has no place in a function_call turn, and a user message right
    // after a tool result breaks LLaMA-Factory's alternation: both are counted, not hidden.
    expect(result.manifest.notes).toEqual([
      "assistant texts written beside a tool call, left out (a function_call turn holds only calls): 1 (traj-a)",
      "samples whose turns do not alternate user/assistant (LLaMA-Factory skips them): 1 (traj-a)",
    ]);
  });

  it("hf-messages: reasoning_content, tool names and is_error on failed results", async () => {
    const { sink } = await run("hf-messages");
    const [a] = sink
      .text("data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(a.messages[2].reasoning_content).toBe("Start with ls.");
    expect(a.messages[2].tool_calls[0].function.arguments).toEqual({ command: "ls", timeout: 30 });
    expect(a.messages[6]).toEqual({
      role: "tool",
      tool_call_id: "call_2",
      name: "run_shell_command",
      content: "cat: a: No such file",
      is_error: true,
    });
    expect(a.messages[3].is_error).toBe(false);
  });

  it("atif: one document per sample, agent steps with observations and is_error", async () => {
    const { sink } = await run("atif");
    const doc = JSON.parse(sink.text("data/atif/00001-traj-a.json"));
    expect(doc.schema_version).toBe("ATIF-v1.4");
    expect(doc.steps.map((s: { source: string }) => s.source)).toEqual([
      "system",
      "user",
      "agent",
      "user",
      "agent",
      "agent",
      "agent",
    ]);
    expect(doc.steps[2]).toMatchObject({
      message: "I'll look at the workspace.",
      reasoning_content: "Start with ls.",
      tool_calls: [
        { tool_call_id: "call_1", function_name: "run_shell_command", arguments: { command: "ls", timeout: 30 } },
      ],
      observation: { results: [{ source_call_id: "call_1", content: "a.txt\nb.txt" }] },
    });
    expect(doc.steps[4].observation.results[0]).toEqual({
      source_call_id: "call_2",
      content: "cat: a: No such file",
      is_error: true,
    });
    expect(sink.files.has("data/atif/00002-traj-b.json")).toBe(true);
  });

  it("dpo: an edited assistant turn becomes a pair (chosen approved, rejected revision 1, prompt before it)", async () => {
    const first = withKeys(shellSession(30));
    const approved = first.map((s) =>
      s.key === "s8" && s.kind === "tool_call" ? { ...s, arguments: { command: "cat a.txt" } } : s,
    );
    // Steps after the fix are unchanged; the last assistant text is also edited in the approved revision.
    approved[11] = { ...approved[11], kind: "assistant", text: "a.txt contains: hello" } as (typeof approved)[number];
    const sample: ExportSample = {
      ...sampleOf("t-dpo", approved, [SHELL_TOOL], { revision: 3 }),
      firstRevisionSteps: first,
    };
    const unedited: ExportSample = { ...sampleOf("t-same", first, [SHELL_TOOL]), firstRevisionSteps: first };
    const { sink, result } = await run("dpo", [sample, unedited, twoSamples()[1]]);
    const pairs = sink
      .text("data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(pairs).toHaveLength(2);
    expect(pairs[0]).toMatchObject({
      trajectory_id: "t-dpo",
      revision: 3,
      step_keys: ["s8"],
      chosen: [{ role: "assistant", tool_calls: [{ function: { arguments: { command: "cat a.txt" } } }] }],
      rejected: [{ role: "assistant", tool_calls: [{ function: { arguments: { command: "cat a .txt" } } }] }],
    });
    expect(pairs[0].prompt.map((m: { role: string }) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "user",
    ]);
    expect(pairs[1].chosen[0].content).toBe("a.txt contains: hello");
    expect(pairs[1].rejected[0].content).toBe("a.txt says hello.");
    expect(result.manifest.counts.skipped).toEqual({
      "samples without an edited assistant turn": 1,
      "no revision 1 given": 1,
    });
  });

  it("prm: labels true before the first-error turn, false on it, cut after; no first error is skipped and counted", async () => {
    const steps = withKeys(shellSession(30));
    const flagged: ExportSample = { ...sampleOf("t-prm", steps, [SHELL_TOOL]), firstErrorStepKey: "s8" };
    const none: ExportSample = { ...sampleOf("t-none", steps, [SHELL_TOOL]), firstErrorStepKey: null };
    const { sink, result } = await run("prm", [flagged, none]);
    const rows = sink
      .text("data/train.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0].messages.map((m: { role: string }) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "user",
      "assistant",
    ]);
    expect(rows[0].labels).toEqual([null, null, true, null, null, false]);
    expect(rows[0].first_error_step_key).toBe("s8");
    expect(result.manifest.counts.skipped).toEqual({
      "no first-error step (none adjudicated, reviewers not unanimous)": 1,
    });
    // A first-error key that is not in the revision is refused.
    const wrong: ExportSample = { ...flagged, firstErrorStepKey: "s99" };
    await expect(run("prm", [wrong])).rejects.toThrow("sample t-prm: the first-error step s99 is not in revision 1");
  });
});

describe("manifest, card and determinism", () => {
  it("the manifest lists the release and per sample its revision, domain, query, tokens, scores and sha256", async () => {
    const { sink, result } = await run("limi");
    const manifest = JSON.parse(sink.text("manifest.json")) as Manifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.release).toEqual({ number: 3, approvedBy: "lead@example.com" });
    expect(manifest.unreleased).toBe(false);
    const json = JSON.parse(sink.text("data/train.json"));
    expect(manifest.samples[0]).toEqual({
      trajectoryId: "traj-a",
      revision: 1,
      domain: "vibe",
      query: { text: "List the files.", source: "human" },
      tokens: { tokenizer: "o200k", count: 1200, template: "chatml", templateCount: 1350 },
      scores: { "ann@example.com": 4 },
      sha256: createHash("sha256").update(JSON.stringify(json[0])).digest("hex"),
    });
    const parquet = result.files.find((f) => f.path === "data/train.parquet")!;
    expect(manifest.files).toContainEqual(parquet);
    expect(parquet.sha256).toBe(createHash("sha256").update(sink.files.get("data/train.parquet")!).digest("hex"));
  });

  it("an ad-hoc set is marked unreleased in the manifest and the card", async () => {
    const { sink } = await run("openai", undefined, { release: null });
    expect(JSON.parse(sink.text("manifest.json")).unreleased).toBe(true);
    expect(sink.text("README.md")).toContain("**Unreleased**");
  });

  it("the card has Hugging Face front matter with configs and tags, statistics, provenance and selection", async () => {
    const { sink } = await run("limi", undefined, { license: "apache-2.0" });
    const card = sink.text("README.md");
    expect(card.startsWith('---\npretty_name: "agentic-demo"\nlicense: "apache-2.0"\n')).toBe(true);
    expect(card).toContain(
      'configs:\n- config_name: default\n  data_files:\n  - split: train\n    path: "data/train.parquet"\n---',
    );
    expect(card).toContain('tags:\n- "limi-studio"\n- "agent-trajectories"\n- "sft"');
    expect(card).toContain("| Samples | 2 |");
    expect(card).toContain("| Tokens per sample (chatml) | min 1,350, mean 1,350, max 1,350 |");
    expect(card).toContain("| Domains | research 1, vibe 1 |");
    expect(card).toContain("| Failed tool results | 1 |");
    expect(card).toContain("- Release 3, approved by lead@example.com");
    expect(card).toContain("- Domain quotas: vibe 1, research 1");
    expect(card).toContain("- Token rule: at most 125,000 tokens per sample");
  });

  it.each(["limi", "openai", "sharegpt", "hf-messages", "atif"] as const)(
    "%s: two exports of the same set have the same sha256 for every file, and so does the zip",
    async (format) => {
      const a = await run(format);
      const b = await run(format);
      expect(a.result.files.length).toBeGreaterThan(2);
      expect(b.result.files).toEqual(a.result.files);
      const zip = async () => {
        const out = new PassThrough();
        const chunks: Buffer[] = [];
        out.on("data", (c: Buffer) => chunks.push(c));
        await exportSamples(arraySource(twoSamples()), format, OPTS, new ZipSink(out));
        return Buffer.concat(chunks);
      };
      const [z1, z2] = [await zip(), await zip()];
      expect(z1.equals(z2)).toBe(true);
      const entries = unzipSync(new Uint8Array(z1));
      expect(Object.keys(entries)).toEqual(a.result.files.map((f) => f.path));
      expect(Buffer.from(entries["manifest.json"]).equals(a.sink.files.get("manifest.json")!)).toBe(true);
    },
  );
});
