/**
 * Import throughput and memory, against two references measured in the same run.
 *
 *   npx tsx bench/import.ts                                  # 2,000 trajectories of ~42k tokens, 500 MB big file
 *   npx tsx bench/import.ts --count 50 --big-mb 20 --check   # quick look
 *   npx tsx bench/import.ts --count 200 --check-all --generate-only   # generator/parser check, no database
 *
 * Options: --count N (trajectories, 2000), --concurrency N (files at once, 2), --tokens N (mean o200k tokens, 42000), --big-mb N (500),
 * --skip-big, --check (parse 3 files per format and stop on any mismatch), --check-all (all files),
 * --generate-only (stop after generation and checks), --keep (leave the temp folder), --seed N.
 *
 * 1. Generate (not timed) a pool of mixed-format files in a temp folder (bench/import/generate-pool.ts).
 * 2. Import every file through `importFiles` (as `limi import` does: --concurrency files at once, 2 by
 *    default) into a fresh database (createTestDatabase);
 *    trajectories/s, MB/s of input, tokens/s, peak RSS (VmHWM reset before, and a 100 ms sampler).
 * 3. Reference A: COPY of the same step rows (Step's columns + jsonb body) into a scratch table of the
 *    same database, from rows prepared in advance; only the COPY is timed.
 * 4. Reference B: gpt-tokenizer `countTokens` over `stepText` of every step vs our `computeTokenStats`.
 * 5. A ~500 MB LIMI-style JSONL file imported in a child process that reports its own VmHWM.
 * 6. A table of figures, references, ratios and the issue's targets (informational: exit 0), also
 *    written as JSON to bench/out/import-<timestamp>.json.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkPool } from "@/bench/import/check";
import { copyInto, prepareReferences, type CopyResult, type Prepared } from "@/bench/import/copy-reference";
import { generateBigFile, generatePool, type BigFile, type Pool } from "@/bench/import/generate-pool";
import { resetPeakRss, RssSampler, vmHwmMb, vmRssMb, type MemoryPeaks } from "@/bench/import/rss";
import { FORMATS, type Expect } from "@/bench/import/writers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;

// -----------------------------------------------------------------------------------------------
// Options

interface Options {
  count: number;
  tokens: number;
  bigMb: number;
  skipBig: boolean;
  check: number;
  generateOnly: boolean;
  keep: boolean;
  seed: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    count: 2000,
    tokens: 42000,
    bigMb: 500,
    skipBig: false,
    check: 0,
    generateOnly: false,
    keep: false,
    seed: 42,
    concurrency: 2,
  };
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--count") o.count = Math.round(num(i++, a));
    else if (a === "--tokens") o.tokens = Math.round(num(i++, a));
    else if (a === "--big-mb") o.bigMb = num(i++, a);
    else if (a === "--seed") o.seed = Math.round(num(i++, a));
    else if (a === "--concurrency") o.concurrency = Math.round(num(i++, a));
    else if (a === "--skip-big") o.skipBig = true;
    else if (a === "--check") o.check = Math.max(o.check, 3);
    else if (a === "--check-all") o.check = Infinity;
    else if (a === "--generate-only") o.generateOnly = true;
    else if (a === "--keep") o.keep = true;
    else throw new Error(`unknown option ${a}; see the header of bench/import.ts`);
  }
  return o;
}

// -----------------------------------------------------------------------------------------------
// Printing

const fmt = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => bytes / MB;
const secs = (s: number) => `${s.toFixed(1)} s`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function progress(label: string, total: number): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (now - last < 2000 && done < total) return;
    last = now;
    process.stderr.write(`\r  ${label}: ${fmt(done)} / ${fmt(total)}   `);
    if (done >= total) process.stderr.write("\n");
  };
}

// -----------------------------------------------------------------------------------------------
// Phases

interface ImportTotals {
  files: number;
  imported: number;
  duplicate: number;
  rejected: number;
  trajectories: number;
  steps: number;
  toolCalls: number;
  toolResults: number;
  failedToolResults: number;
  humanMessages: number;
  reasoningSteps: number;
  tokens: number;
  warnings: number;
  errors: string[];
}

interface ImportRun {
  seconds: number;
  totals: ImportTotals;
  vmHwmMb: number | null;
  hwmReset: boolean;
  samplerPeakMb: number;
  /** RSS when the import started (what generation left behind counts in the peak too). */
  rssAtStartMb: number | null;
}

async function runImport(pool: Pool, projectId: string, concurrency: number): Promise<ImportRun> {
  const { importFiles } = await import("@/lib/import/import-files");
  const totals: ImportTotals = {
    files: 0,
    imported: 0,
    duplicate: 0,
    rejected: 0,
    trajectories: 0,
    steps: 0,
    toolCalls: 0,
    toolResults: 0,
    failedToolResults: 0,
    humanMessages: 0,
    reasoningSteps: 0,
    tokens: 0,
    warnings: 0,
    errors: [],
  };
  const tick = progress("imported files", pool.files.length);
  const hwmReset = resetPeakRss();
  const rssAtStartMb = vmRssMb();
  const sampler = new RssSampler().start(100);
  const t0 = performance.now();
  const files = pool.files.map((f) => ({ path: f.path, name: path.basename(f.path) }));
  await importFiles(files, {
    projectId,
    actorId: null,
    format: "auto",
    concurrency,
    onResult: (r) => {
      totals.files++;
      totals[r.status]++;
      totals.trajectories += r.trajectoryIds.length;
      totals.steps += r.steps;
      totals.toolCalls += r.toolCalls;
      totals.toolResults += r.toolResults;
      totals.failedToolResults += r.failedToolResults;
      totals.humanMessages += r.humanMessages;
      totals.reasoningSteps += r.reasoningSteps;
      totals.tokens += r.tokens;
      totals.warnings += r.warnings.length;
      if (r.error) totals.errors.push(`${r.file}: ${r.error.message}${r.error.line ? ` (line ${r.error.line})` : ""}`);
      tick(totals.files);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, totals, vmHwmMb: vmHwmMb(), hwmReset, samplerPeakMb: sampler.stop(), rssAtStartMb };
}

interface ChildResult {
  seconds: number;
  bytes: number;
  rssBeforeMb: number | null;
  vmHwmMb: number | null;
  samplerPeakMb: number;
  samplerPeaks: MemoryPeaks;
  heapBeforeMb: number | null;
  heapAfterGcMb: number | null;
  status: string;
  format: string | null;
  trajectories: number;
  steps: number;
  toolCalls: number;
  tokens: number;
  warnings: number;
  error: { message: string; line: number | null } | null;
}

function runChild(file: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "bench/import/big-file-child.ts", file], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let buffered = "";
    let result: ChildResult | undefined;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf("\n")) !== -1) {
        const l = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (l.startsWith("BENCH_CHILD_RESULT "))
          result = JSON.parse(l.slice("BENCH_CHILD_RESULT ".length)) as ChildResult;
        else if (l.trim()) console.log(`  [child] ${l}`);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (result) resolve(result);
      else reject(new Error(`big-file child exited with code ${code} without a result`));
    });
  });
}

function expectLine(label: string, e: Expect): string {
  return `${label}: ${fmt(e.trajectories)} trajectories, ${fmt(e.human)} human, ${fmt(e.calls)} tool calls, ${fmt(e.results)} results (${fmt(e.failed)} failed), ${fmt(e.reasoning)} reasoning`;
}

// -----------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = new Date();
  console.log(
    `node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${fmt(os.totalmem() / MB / 1024, 1)} GiB RAM`,
  );
  console.log(
    `options: --count ${opts.count} --tokens ${opts.tokens} --big-mb ${opts.bigMb}${opts.skipBig ? " --skip-big" : ""} --seed ${opts.seed} --concurrency ${opts.concurrency}`,
  );

  const tmp = await mkdtemp(path.join(os.tmpdir(), "limi-bench-import-"));
  const poolDir = path.join(tmp, "pool");
  const dataDir = path.join(tmp, "data");
  await mkdir(poolDir);
  await mkdir(dataDir);
  let disposeDb: (() => Promise<void>) | undefined;
  let closeAppDb: (() => Promise<void>) | undefined;

  try {
    // 1. Generate -------------------------------------------------------------------------------
    console.log(`\n1. generating ${fmt(opts.count)} trajectories in ${poolDir}`);
    const pool = generatePool({
      dir: poolDir,
      count: opts.count,
      meanTokens: opts.tokens,
      seed: opts.seed,
      onProgress: progress("generated", opts.count),
    });
    const byFormat = FORMATS.map((f) => {
      const files = pool.files.filter((x) => x.format === f);
      return [
        f,
        fmt(files.length),
        fmt(files.reduce((a, x) => a + x.expect.trajectories, 0)),
        fmt(mb(files.reduce((a, x) => a + x.bytes, 0)), 1),
      ];
    });
    console.log(table(["format", "files", "trajectories", "MB"], byFormat));
    console.log(
      `pool: ${fmt(pool.files.length)} files, ${fmt(mb(pool.bytes), 1)} MB, ~${fmt(pool.estTokens / 1e6, 1)} M tokens (generator estimate), generated in ${secs(pool.seconds)}`,
    );
    console.log(expectLine("written", pool.expect));

    if (opts.check > 0) {
      const t0 = performance.now();
      const report = await checkPool(pool.files, opts.check);
      console.log(
        `check: parsed ${fmt(report.files)} files (${fmt(report.trajectories)} trajectories, mean ${fmt(report.tokens / Math.max(1, report.trajectories))} o200k tokens, ${fmt(report.orphans)} orphan call/result steps) in ${secs((performance.now() - t0) / 1000)}`,
      );
      if (report.problems.length) {
        console.error(`CHECK FAILED: ${report.problems.length} mismatch(es)`);
        for (const p of report.problems.slice(0, 40)) console.error(`  ${p}`);
        process.exitCode = 1;
        return;
      }
      console.log("check: every checked file parsed as its format with the expected counts");
    }
    if (opts.generateOnly) return;

    // 2. Import ---------------------------------------------------------------------------------
    const { createTestDatabase } = await import("@/lib/db/testing/test-database");
    const database = await createTestDatabase("limi_bench");
    disposeDb = database.dispose;
    process.env.DATABASE_URL = database.url;
    process.env.LIMI_DATA_DIR = dataDir;
    process.env.LIMI_DEMO = "false";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    closeAppDb = async () => {
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
      if (existsSync(path.join(ROOT, "lib/db/pg-pool.ts"))) {
        const { closePgPool } = await import("@/lib/db/pg-pool");
        await closePgPool();
      }
    };
    const { createProject } = await import("@/lib/projects/projects");
    const project = await createProject({ slug: "bench-import", name: "Import benchmark" }, null);
    const pgAdmin = async (sql: string) => {
      const pg = (await import("pg")).default;
      const c = new pg.Client({ connectionString: database.url });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    console.log(`\ndatabase: ${database.url.replace(/\/\/[^@]*@/, "//")}`);

    const haveImporter = existsSync(path.join(ROOT, "lib/import/import-file.ts"));
    let imp: ImportRun | undefined;
    if (!haveImporter) {
      console.log("\n2. import: SKIPPED, lib/import/import-file.ts does not exist yet");
    } else {
      console.log(`\n2. importing ${fmt(pool.files.length)} files through importFiles, ${opts.concurrency} at a time`);
      await pgAdmin("CHECKPOINT").catch(() => undefined);
      imp = await runImport(pool, project.id, opts.concurrency);
      const t = imp.totals;
      console.log(
        `import: ${secs(imp.seconds)}; ${fmt(t.imported)} imported, ${fmt(t.duplicate)} duplicate, ${fmt(t.rejected)} rejected files; ${fmt(t.trajectories)} trajectories, ${fmt(t.steps)} steps, ${fmt(t.tokens)} tokens, ${fmt(t.warnings)} warnings`,
      );
      console.log(
        expectLine("imported", {
          trajectories: t.trajectories,
          human: t.humanMessages,
          calls: t.toolCalls,
          results: t.toolResults,
          failed: t.failedToolResults,
          reasoning: t.reasoningSteps,
        }),
      );
      for (const e of t.errors.slice(0, 10)) console.log(`  rejected: ${e}`);
      const diffs = (["trajectories", "human", "calls", "results", "failed", "reasoning"] as const).filter((k) => {
        const got = {
          trajectories: t.trajectories,
          human: t.humanMessages,
          calls: t.toolCalls,
          results: t.toolResults,
          failed: t.failedToolResults,
          reasoning: t.reasoningSteps,
        }[k];
        return got !== pool.expect[k];
      });
      if (diffs.length) console.log(`  NOTE: import counts differ from what was written for: ${diffs.join(", ")}`);
    }

    // 3 + 4. References -------------------------------------------------------------------------
    console.log(
      "\n3/4. preparing references: parsing the pool again, timing both tokenizers, writing COPY rows (only the marked sections are timed)",
    );
    const prepared: Prepared = await prepareReferences(
      pool.files.map((f) => f.path),
      path.join(tmp, "steps.copy"),
      progress("parsed trajectories", pool.expect.trajectories),
    );
    for (const p of prepared.problems.slice(0, 10)) console.log(`  parse problem: ${p}`);
    console.log(
      `parse alone: ${secs(prepared.parseSeconds)} (${fmt(mb(pool.bytes) / prepared.parseSeconds, 1)} MB/s); ${fmt(prepared.rows)} step rows, COPY text ${fmt(mb(prepared.copyBytes), 1)} MB`,
    );
    await pgAdmin("CHECKPOINT").catch(() => undefined);
    const copy: CopyResult = await copyInto(database.url, prepared);
    await rm(prepared.copyFile, { force: true });
    console.log(
      `COPY: ${fmt(copy.rows)} rows in ${secs(copy.seconds)}: ${fmt(copy.rows / copy.seconds)} rows/s, ${fmt(mb(pool.bytes) / copy.seconds, 2)} MB/s of input (${fmt(mb(copy.copyBytes) / copy.seconds, 2)} MB/s of COPY text); table + indexes ${fmt(mb(copy.tableBytes), 1)} MB`,
    );
    const refTokPerS = prepared.reference.tokens / prepared.reference.seconds;
    const ourTokens = prepared.ours.stepTokens + prepared.ours.toolDefinitionTokens;
    const ourTokPerS = ourTokens / prepared.ours.seconds;
    console.log(
      `tokenizers: gpt-tokenizer countTokens ${fmt(prepared.reference.tokens)} tokens in ${secs(prepared.reference.seconds)}; ours computeTokenStats ${fmt(ourTokens)} tokens (${fmt(prepared.ours.toolDefinitionTokens)} of them tool definitions) in ${secs(prepared.ours.seconds)}`,
    );
    if (prepared.reference.tokens !== prepared.ours.stepTokens)
      console.log(
        `  NOTE: step token totals differ: reference ${prepared.reference.tokens}, ours ${prepared.ours.stepTokens}`,
      );

    // 5. Big file ---------------------------------------------------------------------------------
    let big: BigFile | undefined;
    let child: ChildResult | undefined;
    let childError: string | undefined;
    if (!opts.skipBig) {
      const file = path.join(tmp, "big-limi-dataset.jsonl");
      console.log(`\n5. generating a ${fmt(opts.bigMb)} MB LIMI-style JSONL dataset`);
      big = generateBigFile({ file, mb: opts.bigMb, meanTokens: opts.tokens, seed: opts.seed + 1 });
      console.log(
        `big file: ${fmt(mb(big.bytes), 1)} MB, ${fmt(big.expect.trajectories)} trajectories, generated in ${secs(big.seconds)}`,
      );
      // The pool's files are no longer needed; free the disk before the big import.
      await rm(poolDir, { recursive: true, force: true });
      if (!haveImporter) console.log("big-file import: SKIPPED, lib/import/import-file.ts does not exist yet");
      else {
        const bigProject = await createProject({ slug: "bench-import-big", name: "Import benchmark (big file)" }, null);
        await pgAdmin("CHECKPOINT").catch(() => undefined);
        console.log("importing it in a child process (npx tsx bench/import/big-file-child.ts)");
        try {
          child = await runChild(file, {
            ...process.env,
            DATABASE_URL: database.url,
            LIMI_DATA_DIR: dataDir,
            LIMI_DEMO: "false",
            BENCH_PROJECT_ID: bigProject.id,
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim(),
          });
          console.log(
            `big-file import: ${child.status}, ${fmt(child.trajectories)} trajectories, ${fmt(child.steps)} steps, ${fmt(child.tokens)} tokens in ${secs(child.seconds)} (${fmt(mb(child.bytes) / child.seconds, 1)} MB/s); child VmHWM ${child.vmHwmMb === null ? "n/a" : `${fmt(child.vmHwmMb)} MB`}, sampled peak ${fmt(child.samplerPeakMb)} MB, RSS before import ${child.rssBeforeMb === null ? "n/a" : `${fmt(child.rssBeforeMb)} MB`}`,
          );
          const p = child.samplerPeaks;
          console.log(
            `  child peaks by kind (sampled, each at its own moment): heap used ${fmt(p.heapUsed)} MB of ${fmt(p.heapTotal)} MB, external ${fmt(p.external)} MB (array buffers ${fmt(p.arrayBuffers)} MB); heap in use after a full GC: ${child.heapBeforeMb === null ? "n/a" : `${fmt(child.heapBeforeMb)} MB`} before the import, ${child.heapAfterGcMb === null ? "n/a" : `${fmt(child.heapAfterGcMb)} MB`} after it`,
          );
          if (child.error) console.log(`  error: ${child.error.message}`);
        } catch (e) {
          childError = e instanceof Error ? e.message : String(e);
          console.log(`big-file import FAILED: ${childError}`);
        }
      }
    }

    // 6. Results ----------------------------------------------------------------------------------
    const inputMb = mb(pool.bytes);
    const copyMbps = inputMb / copy.seconds;
    const copyRowsps = copy.rows / copy.seconds;
    const tokRatio = ourTokPerS / refTokPerS;
    const verdict = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "PASS" : "MISS");
    const rows: string[][] = [];
    let importMbps: number | null = null;
    let importRowsps: number | null = null;
    if (imp) {
      importMbps = inputMb / imp.seconds;
      importRowsps = imp.totals.steps / imp.seconds;
      rows.push([
        "import, MB/s of input",
        fmt(importMbps, 2),
        `COPY ${fmt(copyMbps, 2)}`,
        `${fmt(importMbps / copyMbps, 3)}x`,
        ">= 0.5x",
        verdict(importMbps / copyMbps >= 0.5),
      ]);
      rows.push([
        "import, step rows/s",
        fmt(importRowsps),
        `COPY ${fmt(copyRowsps)}`,
        `${fmt(importRowsps / copyRowsps, 3)}x`,
        ">= 0.5x",
        verdict(importRowsps / copyRowsps >= 0.5),
      ]);
      rows.push(["import, trajectories/s", fmt(imp.totals.trajectories / imp.seconds, 2), "", "", "", ""]);
      rows.push(["import, tokens/s", fmt(imp.totals.tokens / imp.seconds), "", "", "", ""]);
      rows.push([
        "import, peak RSS (VmHWM)",
        imp.vmHwmMb === null ? "n/a" : `${fmt(imp.vmHwmMb)} MB`,
        `sampled ${fmt(imp.samplerPeakMb)} MB, ${fmt(imp.rssAtStartMb ?? 0)} MB at start`,
        "",
        "",
        "",
      ]);
    } else
      rows.push([
        "import",
        "not run",
        `COPY ${fmt(copyMbps, 2)} MB/s, ${fmt(copyRowsps)} rows/s`,
        "",
        ">= 0.5x",
        "n/a",
      ]);
    rows.push([
      "tokenization, tokens/s",
      fmt(ourTokPerS),
      `countTokens ${fmt(refTokPerS)}`,
      `${fmt(tokRatio, 3)}x`,
      ">= 0.8x",
      verdict(tokRatio >= 0.8),
    ]);
    const bigPeak = child ? (child.vmHwmMb ?? child.samplerPeakMb) : null;
    rows.push([
      `big file ${big ? `${fmt(mb(big.bytes))} MB` : "(skipped)"}, peak RSS`,
      bigPeak === null ? "n/a" : `${fmt(bigPeak)} MB`,
      child ? `${fmt(mb(child.bytes) / child.seconds, 2)} MB/s` : "",
      "",
      "< 1024 MB",
      verdict(bigPeak === null ? null : bigPeak < 1024 && child?.status === "imported"),
    ]);
    if (imp) {
      const rest = imp.seconds - prepared.parseSeconds - prepared.ours.seconds;
      const pct = (x: number) => `${fmt((100 * x) / imp.seconds)}%`;
      console.log(
        `\nwhere the import's ${secs(imp.seconds)} go (estimate from the separate measurements): parsing ${secs(prepared.parseSeconds)} (${pct(prepared.parseSeconds)}), tokenizing ${secs(prepared.ours.seconds)} (${pct(prepared.ours.seconds)}), everything else (hashing, storing, COPY through the app, keeping the original) ${secs(rest)} (${pct(rest)}); COPY of the same rows alone takes ${secs(copy.seconds)}`,
      );
    }
    console.log("\n6. results\n");
    console.log(table(["figure", "value", "reference", "ratio", "target", "result"], rows));
    const processHwm = vmHwmMb();
    console.log(
      `\nthis process: VmHWM at the end ${processHwm === null ? "n/a" : `${fmt(processHwm)} MB`} (covers generation and reference preparation too)`,
    );
    if (imp && !imp.hwmReset)
      console.log("note: VmHWM could not be reset before the import, so the import peak includes generation");

    const outDir = path.join(ROOT, "bench/out");
    await mkdir(outDir, { recursive: true });
    const outFile = path.join(outDir, `import-${started.toISOString().replace(/[:.]/g, "-")}.json`);
    const json = {
      startedAt: started.toISOString(),
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? null,
        totalMemMb: Math.round(os.totalmem() / MB),
      },
      options: { ...opts, check: Number.isFinite(opts.check) ? opts.check : "all" },
      pool: {
        files: pool.files.length,
        bytes: pool.bytes,
        estimatedTokens: pool.estTokens,
        generateSeconds: pool.seconds,
        written: pool.expect,
        byFormat: Object.fromEntries(byFormat.map((r) => [r[0], { files: r[1], trajectories: r[2], mb: r[3] }])),
      },
      import: imp
        ? {
            seconds: imp.seconds,
            ...imp.totals,
            errors: imp.totals.errors.slice(0, 50),
            mbPerSecond: importMbps,
            stepRowsPerSecond: importRowsps,
            trajectoriesPerSecond: imp.totals.trajectories / imp.seconds,
            tokensPerSecond: imp.totals.tokens / imp.seconds,
            vmHwmMb: imp.vmHwmMb,
            vmHwmReset: imp.hwmReset,
            samplerPeakMb: imp.samplerPeakMb,
          }
        : null,
      parseAlone: { seconds: prepared.parseSeconds, mbPerSecond: inputMb / prepared.parseSeconds },
      importBreakdownSeconds: imp
        ? {
            parse: prepared.parseSeconds,
            tokenize: prepared.ours.seconds,
            rest: imp.seconds - prepared.parseSeconds - prepared.ours.seconds,
          }
        : null,
      copy: {
        ...copy,
        mbPerSecondOfInput: copyMbps,
        rowsPerSecond: copyRowsps,
        copyTextMbPerSecond: mb(copy.copyBytes) / copy.seconds,
      },
      tokenizer: {
        reference: { name: "gpt-tokenizer o200k_base countTokens", ...prepared.reference, tokensPerSecond: refTokPerS },
        ours: { name: "computeTokenStats + getTokenizer()", ...prepared.ours, tokensPerSecond: ourTokPerS },
        ratio: tokRatio,
      },
      bigFile: big
        ? {
            bytes: big.bytes,
            written: big.expect,
            generateSeconds: big.seconds,
            child: child ?? null,
            error: childError ?? null,
          }
        : null,
      targets: {
        importVsCopy: {
          target: 0.5,
          mbRatio: importMbps === null ? null : importMbps / copyMbps,
          rowRatio: importRowsps === null ? null : importRowsps / copyRowsps,
        },
        tokenization: { target: 0.8, ratio: tokRatio },
        bigFilePeakRss: { targetMb: 1024, peakMb: bigPeak },
      },
    };
    await writeFile(outFile, JSON.stringify(json, null, 2) + "\n");
    console.log(`results written to ${path.relative(ROOT, outFile)}`);
  } finally {
    await closeAppDb?.().catch((e: unknown) => console.error("closing the app's connections failed:", e));
    await disposeDb?.().catch((e: unknown) => console.error("disposing the database failed:", e));
    if (opts.keep) console.log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}

await main();
