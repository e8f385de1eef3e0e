/**
 * Export speed and memory, and the training view's render + count, each next to a reference
 * measured in the same run.
 *
 *   npx tsx bench/export.ts                       # 78 samples (~42k tokens) in every format; 10,000 streamed; 152k view
 *   npx tsx bench/export.ts --big 2000            # a smaller streamed release, for a quick look
 *   npx tsx bench/export.ts --no-small            # parts 2 and 3 only
 *
 * 1. A 78-sample set (o200k-estimated tokens log-normal around 42k, as LIMI's) is generated once
 *    (not timed). Each format is exported from it (validation pass + data files + manifest + card,
 *    into memory); reference: one pass that only serialises each sample's `{tools, messages}`.
 * 1b, 2, 3b. In a fresh database (TEST_DATABASE_URL's server, or an embedded PostgreSQL; see
 *    bench/export/db-release.ts): the 78 as a release, exported in this process and through the
 *    export job's child process, against reading the same rows alone; the release copied in SQL to
 *    10,000 samples and exported as `limi` (JSON + parquet) and `hf-messages` JSONL through the
 *    child process, whose peak RSS is its own, against a child that reads the same rows once; the
 *    training view of the 152k-token sample as the app serves it, before and after the count job.
 *    `--no-db` skips them.
 * 3. A 152k-token sample rendered through the GLM-4.5-style template and counted with a byte-level
 *    BPE trained here (no model download); reference: the same tokenizer counting the messages'
 *    plain text in one call.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { generateSet } from "@/bench/export/samples";
import { trainByteLevelBpe } from "@/bench/export/bpe-tokenizer";
import { exportSamples } from "@/lib/export/export-samples";
import { toLimiSample } from "@/lib/export/limi-format";
import { CountingSink } from "@/lib/export/sinks/memory-sink";
import { EXPORT_FORMATS, type SampleSource } from "@/lib/export/types";
import { loadChatTemplate } from "@/lib/export/training-view/chat-template";
import { messageTokens, renderTrainingView } from "@/lib/export/training-view/render";
import { viewSample } from "@/lib/export/training-view/view-messages";
import { arraySource } from "@/lib/export/testing/samples";
import { benchFromDatabase, dbReadChild } from "@/bench/export/db-release";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const SET = arg("set", 78);
const MEAN = arg("tokens", 42_000);
const BIG = arg("big", 10_000);
const VIEW_TOKENS = arg("view-tokens", 152_000);
/** `--no-small`: skip parts 1 and 1b (the 78 in every format), e.g. to rerun parts 2 and 3 alone. */
const SMALL = !process.argv.includes("--no-small");
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

async function main(): Promise<void> {
  const readAt = process.argv.indexOf("--db-read-child");
  if (readAt !== -1) return dbReadChild(process.argv[readAt + 1], Number(process.argv[readAt + 2]));

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
  for (const format of SMALL ? EXPORT_FORMATS : []) {
    const sink = new CountingSink();
    stop = meter();
    await exportSamples(src, format, { name: "bench", release: { number: 1 } }, sink);
    const t = stop();
    console.log(
      `   ${format.padEnd(44)} ${both(t)}   ${(sink.bytes / 1e6).toFixed(1).padStart(5)} MB   ${(t.cpu / ref.cpu).toFixed(1)}x reference (CPU)   target < 2000 ms: wall ${t.wall < 2000 ? "met" : "not met"}, CPU ${t.cpu < 2000 ? "met" : "not met"}`,
    );
  }

  // The 152k-token sample and the benchmark's tokenizer (parts 3b and 3), not timed.
  const big = generateSet(1, VIEW_TOKENS, 152).samples[0];
  const corpus = set.samples
    .slice(0, 3)
    .flatMap((s) => s.steps.map((x) => ("text" in x ? x.text : "output" in x ? x.output : "")))
    .join("\n")
    .slice(0, 150_000);
  stop = meter();
  const tokenizerJson = trainByteLevelBpe(corpus, 1000);
  const trainedMs = stop().wall;

  // 1b, 2 and 3b: from the database.
  if (!process.argv.includes("--no-db"))
    await benchFromDatabase({
      samples: set.samples,
      small: SMALL,
      meter,
      both,
      big: BIG,
      bigModes: MODES,
      view: { tools: big.tools, steps: big.steps, tokenizerJson },
    });

  // 3. Training view of a 152k-token sample.
  console.log(`\n3. Training view in memory: render + count of a ${VIEW_TOKENS.toLocaleString("en-US")}-token sample`);
  console.log(
    `   byte-level BPE trained on ${(corpus.length / 1000).toFixed(0)} kB, 1,000 merges (${f1(trainedMs)} ms, not timed below)`,
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
  const stored: M[] = [];
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
    // A counted revision: the per-message counts the training.count job stored, with a fresh tokenizer.
    const counts = messageTokens(view, sample.messages.length);
    const other = load();
    stop = meter();
    renderTrainingView(sample, other, { storedMessageTokens: counts });
    stored.push(stop());
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
  console.log(`   render with the counts stored by training.count      ${both(med(stored))}   ${verdict(med(stored))}`);
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
