/**
 * The synthetic import pool: `count` trajectories of about `meanTokens` o200k tokens each (log-normal,
 * 0.31x-3.62x the mean, like LIMI's 13k-152k around 42k), in a shuffled mix of formats, each file in
 * its format's real layout. Chat datasets hold several trajectories per file; the session formats
 * one. Also the single big JSONL dataset for the memory test. Deterministic for a given seed.
 */
import path from "node:path";
import { Rng } from "@/bench/import/prng";
import { FileSink } from "@/bench/import/sink";
import { ScriptGenerator, TokenEstimator, tokenTargets, type Script } from "@/bench/import/script";
import {
  addExpect,
  emptyExpect,
  writeAnthropic,
  writeClaudeCode,
  writeCodex,
  writeGeminiCli,
  writeHfMessages,
  writeOpenAIChat,
  writeSiiCli,
  type Expect,
  type PoolFormat,
} from "@/bench/import/writers";

export interface PoolFile {
  path: string;
  format: PoolFormat;
  bytes: number;
  expect: Expect;
  /** Token estimate of the generator (the importer's count is the real figure). */
  estTokens: number;
}

export interface Pool {
  dir: string;
  files: PoolFile[];
  bytes: number;
  expect: Expect;
  estTokens: number;
  seconds: number;
}

/**
 * The generator estimates the abstract session's tokens; the formats add some on top (Claude Code's
 * line-numbered reads, Gemini's shell-output wrapper, system prompts, Codex command arrays), about 5%
 * measured with --check-all. Targets are lowered by that much so the importer's mean lands on --tokens.
 */
const FORMAT_OVERHEAD = 0.95;

/** Share of trajectories per format, and how many trajectories one file holds. */
const MIX: { format: PoolFormat; weight: number; perFile: [number, number] }[] = [
  { format: "claude-code", weight: 0.2, perFile: [1, 1] },
  { format: "codex-cli", weight: 0.15, perFile: [1, 1] },
  { format: "sii-cli", weight: 0.15, perFile: [1, 1] },
  { format: "openai-chat", weight: 0.15, perFile: [2, 8] },
  { format: "hf-messages", weight: 0.15, perFile: [1, 4] },
  { format: "anthropic-messages", weight: 0.1, perFile: [1, 1] },
  { format: "gemini-cli", weight: 0.1, perFile: [1, 1] },
];

/** Per-file odds, so that the shares of trajectories (not files) follow MIX. */
const FILE_ODDS = MIX.map((m) => m.weight / ((m.perFile[0] + m.perFile[1]) / 2));
const FILE_ODDS_SUM = FILE_ODDS.reduce((a, b) => a + b, 0);

function pickFormat(rng: Rng): (typeof MIX)[number] {
  let x = rng.next() * FILE_ODDS_SUM;
  for (let i = 0; i < MIX.length; i++) {
    if (x < FILE_ODDS[i]) return MIX[i];
    x -= FILE_ODDS[i];
  }
  return MIX[MIX.length - 1];
}

function fileName(format: PoolFormat, n: number, first: Script, rng: Rng): string {
  const seq = String(n).padStart(5, "0");
  const day = new Date(first.start).toISOString().slice(0, 10);
  switch (format) {
    case "claude-code":
      return `${seq}-${first.sessionId}.jsonl`;
    case "codex-cli":
      return `${seq}-rollout-${new Date(first.start).toISOString().slice(0, 19).replace(/:/g, "-")}-${first.sessionId}.jsonl`;
    case "sii-cli":
      return `${seq}-conv_${n}.json`;
    case "openai-chat":
      return `${seq}-chat-dataset.jsonl`;
    case "hf-messages":
      return `${seq}-limi-rows.jsonl`;
    case "anthropic-messages":
      return `${seq}-anthropic-request.json`;
    case "gemini-cli":
      return `${seq}-session-${day}T10-00-${rng.hex(8)}.jsonl`;
  }
}

function writeOne(format: PoolFormat, sink: FileSink, s: Script, rng: Rng, n: number): Expect {
  switch (format) {
    case "claude-code":
      return writeClaudeCode(sink, s, rng);
    case "codex-cli":
      return writeCodex(sink, s, rng);
    case "sii-cli":
      return writeSiiCli(sink, s, rng, `conv_${n}`);
    case "openai-chat":
      return writeOpenAIChat(sink, s, rng);
    case "hf-messages":
      return writeHfMessages(sink, s, rng);
    case "anthropic-messages":
      return writeAnthropic(sink, s, rng);
    case "gemini-cli":
      return writeGeminiCli(sink, s, rng);
  }
}

export function generatePool(opts: {
  dir: string;
  count: number;
  meanTokens: number;
  seed?: number;
  onProgress?: (done: number) => void;
}): Pool {
  const t0 = performance.now();
  const rng = new Rng(opts.seed ?? 42);
  const gen = new ScriptGenerator(rng, new TokenEstimator());
  const targets = tokenTargets(rng, opts.count, opts.meanTokens * FORMAT_OVERHEAD);
  const files: PoolFile[] = [];
  let expect = emptyExpect();
  let bytes = 0;
  let estTokens = 0;
  let i = 0;
  while (i < opts.count) {
    const mix = pickFormat(rng);
    const group = Math.min(rng.int(mix.perFile[0], mix.perFile[1]), opts.count - i);
    const scripts: Script[] = [];
    for (let k = 0; k < group; k++, i++) scripts.push(gen.generate(i, targets[i]));
    const n = files.length + 1;
    const file = path.join(opts.dir, fileName(mix.format, n, scripts[0], rng));
    const sink = new FileSink(file);
    let e = emptyExpect();
    let est = 0;
    for (const s of scripts) {
      e = addExpect(e, writeOne(mix.format, sink, s, rng, n));
      est += s.estimatedTokens;
    }
    const size = sink.close();
    files.push({ path: file, format: mix.format, bytes: size, expect: e, estTokens: est });
    expect = addExpect(expect, e);
    bytes += size;
    estTokens += est;
    opts.onProgress?.(i);
  }
  return { dir: opts.dir, files, bytes, expect, estTokens, seconds: (performance.now() - t0) / 1000 };
}

export interface BigFile {
  path: string;
  bytes: number;
  expect: Expect;
  estTokens: number;
  seconds: number;
}

/** One LIMI-style `{tools, messages}` JSONL dataset of at least `mb` MiB, one trajectory per line. */
export function generateBigFile(opts: { file: string; mb: number; meanTokens: number; seed?: number }): BigFile {
  const t0 = performance.now();
  const rng = new Rng(opts.seed ?? 4242);
  const gen = new ScriptGenerator(rng, new TokenEstimator());
  const limit = opts.mb * 1024 * 1024;
  const sink = new FileSink(opts.file);
  let expect = emptyExpect();
  let estTokens = 0;
  let i = 0;
  // Targets come in batches so the size distribution matches the pool's.
  let targets: number[] = [];
  while (sink.approxBytes < limit) {
    if (!targets.length) targets = tokenTargets(rng, 256, opts.meanTokens * FORMAT_OVERHEAD);
    const s = gen.generate(i++, targets.pop()!);
    expect = addExpect(expect, writeHfMessages(sink, s, rng));
    estTokens += s.estimatedTokens;
  }
  const bytes = sink.close();
  return { path: opts.file, bytes, expect, estTokens, seconds: (performance.now() - t0) / 1000 };
}
