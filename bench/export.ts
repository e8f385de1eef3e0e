/**
 * Export speed and memory, and the training view's render + count, each next to a reference
 * measured in the same run.
 *
 *   npx tsx bench/export.ts                       # 78 samples (~42k tokens) in every format; 10,000 streamed; 152k view
 *   npx tsx bench/export.ts --big 2000            # a smaller streamed set, for a quick look
 *
 * 1. A 78-sample set (o200k-estimated tokens log-normal around 42k, as LIMI's) is generated once
 *    (not timed). Each format is exported from it (validation pass + data files + manifest + card,
 *    into memory); reference: one pass that only serialises each sample's `{tools, messages}`.
 * 1b. The same 78 stored in a fresh database (TEST_DATABASE_URL, or an embedded PostgreSQL) and
 *    locked as a release; each format exported through the release source (the export job's
 *    path); reference: reading the pinned revisions alone. `--no-db` skips it.
 * 2. 10,000 samples (the 78 cycled with distinct ids, so the source holds 78 in memory, as a
 *    database cursor would hold a page) are exported as `limi` (JSON array + parquet) and as
 *    `hf-messages` JSONL into a temp directory, each in a child process that reports its peak RSS
 *    (VmHWM); reference: a child that holds the same pool and serialises the 10,000 once.
 * 3. A 152k-token sample rendered through the GLM-4.5-style template and counted with a byte-level
 *    BPE trained here (no model download); reference: the same tokenizer counting the messages'
 *    plain text in one call.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { vmHwmMb } from "@/bench/import/rss";
import { cyclingSource, generateSet } from "@/bench/export/samples";
import { trainByteLevelBpe } from "@/bench/export/bpe-tokenizer";
import { exportSamples } from "@/lib/export/export-samples";
import { toLimiSample } from "@/lib/export/limi-format";
import { CountingSink } from "@/lib/export/sinks/memory-sink";
import { DirectorySink } from "@/lib/export/sinks/directory-sink";
import { EXPORT_FORMATS, type ExportFormat, type SampleSource } from "@/lib/export/types";
import { loadChatTemplate } from "@/lib/export/training-view/chat-template";
import { renderTrainingView } from "@/lib/export/training-view/render";
import { viewSample } from "@/lib/export/training-view/view-messages";
import { arraySource } from "@/lib/export/testing/samples";
import { benchFromDatabase } from "@/bench/export/db-release";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const SET = arg("set", 78);
const MEAN = arg("tokens", 42_000);
const BIG = arg("big", 10_000);
const VIEW_TOKENS = arg("view-tokens", 152_000);
const modesAt = process.argv.indexOf("--modes");
const MODES = modesAt === -1 ? ["reference", "limi", "hf-messages"] : process.argv[modesAt + 1].split(",");

/**
 * Wall and CPU time (user + system of this process). The machine is shared (2 cores, often a load
 * of 15-20 from other builds and tests), so wall time mostly measures waiting; CPU time is what the
 * work itself costs, and what wall time would be on an idle machine.
 */
function meter(): () => { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
  };
}
const both = (m: { wall: number; cpu: number }) => `${f1(m.wall).padStart(8)} ms wall ${f1(m.cpu).padStart(8)} ms CPU`;
const f1 = (n: number) => n.toFixed(1);

async function serialiseOnly(source: SampleSource): Promise<number> {
  let bytes = 0;
  for await (const s of source.open()) bytes += JSON.stringify(toLimiSample(s.tools, s.steps)).length;
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Child: one streamed export (or the reference) of BIG samples, reporting time and peak RSS.

async function child(mode: string): Promise<void> {
  const { samples } = generateSet(SET, MEAN);
  const source = cyclingSource(samples, BIG);
  const before = vmHwmMb();
  const stop = meter();
  let bytes = 0;
  if (mode === "reference") bytes = await serialiseOnly(source);
  else {
    const dir = await mkdtemp(path.join(os.tmpdir(), "limi-export-bench-"));
    try {
      const sink = new DirectorySink(path.join(dir, "out"));
      const r = await exportSamples(source, mode as ExportFormat, { name: "bench", release: { number: 1 } }, sink);
      bytes = r.files.reduce((a, f) => a + f.bytes, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const m = stop();
  process.stdout.write(
    `${JSON.stringify({ mode, ms: m.wall, cpuMs: m.cpu, bytes, peakMb: vmHwmMb(), poolMb: before })}\n`,
  );
}

function runChild(
  mode: string,
): Promise<{ mode: string; ms: number; cpuMs: number; bytes: number; peakMb: number; poolMb: number }> {
  return new Promise((ok, fail) => {
    const p = spawn(
      process.execPath,
      [...process.execArgv, process.argv[1], "--child", mode, ...process.argv.slice(2)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) =>
      code === 0 ? ok(JSON.parse(out.trim().split("\n").pop()!)) : fail(new Error(`child ${mode} exited ${code}`)),
    );
  });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const childAt = process.argv.indexOf("--child");
  if (childAt !== -1) return child(process.argv[childAt + 1]);

  console.log(
    `Load average at start: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")} on ${os.cpus().length} cores`,
  );
  console.log(`Generating ${SET} samples around ${MEAN.toLocaleString("en-US")} tokens (not timed)...`);
  const set = generateSet(SET, MEAN);
  const tok = set.tokens;
  console.log(
    `  tokens (o200k estimate): min ${Math.min(...tok)}, mean ${Math.round(tok.reduce((a, b) => a + b, 0) / tok.length)}, max ${Math.max(...tok)}; ` +
      `${set.samples.reduce((a, s) => a + s.steps.length, 0)} steps`,
  );

  // 1. The 78-sample set in every format.
  const src = arraySource(set.samples);
  await serialiseOnly(src); // warm-up
  // Warm-up: a two-sample export in every format (wasm start-up, JIT), as a long-running job would be.
  for (const format of EXPORT_FORMATS)
    await exportSamples(arraySource(set.samples.slice(0, 2)), format, { name: "warm-up" }, new CountingSink());
  let stop = meter();
  const refBytes = await serialiseOnly(src);
  const ref = stop();
  console.log(`\n1. ${SET} samples, every format (into memory; validation pass included)`);
  console.log(`   reference: serialise {tools, messages} once ${both(ref)}   ${(refBytes / 1e6).toFixed(1)} MB`);
  for (const format of EXPORT_FORMATS) {
    const sink = new CountingSink();
    stop = meter();
    await exportSamples(src, format, { name: "bench", release: { number: 1 } }, sink);
    const t = stop();
    console.log(
      `   ${format.padEnd(44)} ${both(t)}   ${(sink.bytes / 1e6).toFixed(1).padStart(5)} MB   ${(t.cpu / ref.cpu).toFixed(1)}x reference (CPU)   target < 2000 ms: wall ${t.wall < 2000 ? "met" : "not met"}, CPU ${t.cpu < 2000 ? "met" : "not met"}`,
    );
  }

  // 1b. The same set from the database, as the export job reads a release.
  if (!process.argv.includes("--no-db")) await benchFromDatabase(set.samples, meter, both);

  // 2. 10,000 samples streamed, each in its own process for a clean peak RSS.
  if (BIG > 0)
    console.log(`\n2. ${BIG.toLocaleString("en-US")} samples streamed to disk (child processes; peak RSS = VmHWM)`);
  for (const mode of BIG > 0 ? MODES : []) {
    const r = await runChild(mode);
    const label =
      mode === "reference"
        ? "reference: serialise once"
        : mode === "limi"
          ? "limi (json + parquet)"
          : "hf-messages jsonl";
    console.log(
      `   ${label.padEnd(26)} ${(r.ms / 1000).toFixed(1).padStart(7)} s wall ${(r.cpuMs / 1000).toFixed(1).padStart(7)} s CPU   ${(r.bytes / 1e9).toFixed(2)} GB written   peak RSS ${Math.round(r.peakMb)} MB` +
        ` (${Math.round(r.poolMb)} MB after generating the pool)${mode === "reference" ? "" : `   target < 400 MB: ${r.peakMb < 400 ? "met" : "NOT met"}`}`,
    );
  }

  // 3. Training view of a 152k-token sample.
  console.log(`\n3. Training view: render + count of a ${VIEW_TOKENS.toLocaleString("en-US")}-token sample`);
  const big = generateSet(1, VIEW_TOKENS, 152).samples[0];
  const corpus = set.samples
    .slice(0, 3)
    .flatMap((s) => s.steps.map((x) => ("text" in x ? x.text : "output" in x ? x.output : "")))
    .join("\n")
    .slice(0, 150_000);
  stop = meter();
  const tokenizerJson = trainByteLevelBpe(corpus, 1000);
  console.log(
    `   byte-level BPE trained on ${(corpus.length / 1000).toFixed(0)} kB, 1,000 merges (${f1(stop().wall)} ms, not timed below)`,
  );
  const load = () =>
    loadChatTemplate({ tokenizerJson, tokenizerConfig: "{}" }, { folder: "bench-bpe", builtin: "glm-4.5-style" });
  const sample = viewSample(big.tools, big.steps);
  const plain = sample.messages.map((m) => m.content).join("\n");
  type M = { wall: number; cpu: number };
  const med = (xs: M[]): M => {
    const pick = (k: keyof M) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { wall: pick("wall"), cpu: pick("cpu") };
  };
  const cold: M[] = [];
  const edited: M[] = [];
  const warm: M[] = [];
  const refs: M[] = [];
  let view = renderTrainingView(sample, load());
  const lastAssistant = sample.messages.map((m) => m.role).lastIndexOf("assistant");
  for (let i = 0; i < 3; i++) {
    const template = load(); // not timed: a fresh tokenizer and an empty count cache
    stop = meter();
    view = renderTrainingView(sample, template);
    cold.push(stop());
    // A new revision with one assistant message edited: only that piece is tokenized again.
    const next = {
      ...sample,
      messages: sample.messages.map((m, j) =>
        j === lastAssistant ? { ...m, content: `${m.content} (edited ${i})` } : m,
      ),
    };
    stop = meter();
    renderTrainingView(next, template);
    edited.push(stop());
    stop = meter();
    renderTrainingView(sample, template);
    warm.push(stop());
    const fresh = load();
    stop = meter();
    fresh.count(plain);
    refs.push(stop());
  }
  const verdict = (m: M) =>
    `target < 300 ms: wall ${m.wall < 300 ? "met" : "not met"}, CPU ${m.cpu < 300 ? "met" : "not met"}`;
  console.log(
    `   ${sample.messages.length} messages, ${(view.text.length / 1e6).toFixed(2)} MB rendered, ${view.tokenCount.toLocaleString("en-US")} tokens ` +
      `(${view.lossTokenCount.toLocaleString("en-US")} with loss), ${view.findings.length} findings; medians of 3`,
  );
  console.log(`   reference: the tokenizer alone, plain message text once ${both(med(refs))}`);
  console.log(`   render + count, cold (every piece tokenized)         ${both(med(cold))}   ${verdict(med(cold))}`);
  console.log(`   render + count, next revision (one message changed)  ${both(med(edited))}   ${verdict(med(edited))}`);
  console.log(`   render + count, same revision again                  ${both(med(warm))}`);
  console.log(
    `\nLoad average during the run: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")} on ${os.cpus().length} cores`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
