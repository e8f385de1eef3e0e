/**
 * The database parts of bench/export.ts, in one fresh database (TEST_DATABASE_URL's server, or an
 * embedded PostgreSQL):
 * 1b. The 78 samples stored (not timed) and locked as a release; each format exported from it in
 *     this process (the core over the spooled release source) and through the export job's child
 *     process (lib/export/export-child.ts: process start, database reads, files on disk); references:
 *     reading the pinned revisions alone, through the store and as the export reads them.
 * 2.  The release copied in SQL to `big` samples (not timed); `limi` (JSON + parquet) and
 *     `hf-messages` JSONL exported through the job's child process, whose peak RSS is its own;
 *     reference: a child with the same heap cap that reads the same rows once.
 * 3b. The training view of the 152k-token sample as the app serves it (`trainingView`: the project's
 *     template from a models folder, the revision read, rendered, counted): not yet counted (a fresh
 *     template: every piece tokenized) and once the training.count job has stored its counts;
 *     reference: reading the revision alone.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { makeBigRelease } from "@/bench/export/db-big-release";
import type { ExportSample, ExportStep } from "@/lib/export/types";
import { EXPORT_FORMATS } from "@/lib/export/types";
import type { ToolDefinition } from "@/lib/trajectory/types";

type Meter = () => () => { wall: number; cpu: number };
type M = { wall: number; cpu: number };

export interface DbBenchInput {
  samples: readonly ExportSample[];
  /** Part 1b (the 78 in every format); the samples are stored either way. */
  small: boolean;
  meter: Meter;
  both: (m: M) => string;
  big: number;
  bigModes: readonly string[];
  view: { tools: readonly ToolDefinition[]; steps: readonly ExportStep[]; tokenizerJson: string } | null;
}

const MODELS = "bench-bpe";
const SPEC = `builtin:glm-4.5-style+folder:${MODELS}`;
const med = (xs: M[]): M => {
  const pick = (k: keyof M) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: pick("wall"), cpu: pick("cpu") };
};

/** A child of this benchmark that reads the release's rows once (the reference of part 2). */
function readChild(
  projectId: string,
  release: number,
  heapMb: number,
): Promise<{ ms: number; cpuMs: number; peakMb: number; samples: number }> {
  return new Promise((ok, fail) => {
    const p = spawn(
      process.execPath,
      [
        `--max-old-space-size=${heapMb}`,
        ...process.execArgv,
        process.argv[1],
        "--db-read-child",
        projectId,
        String(release),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("exit", (code) =>
      code === 0 ? ok(JSON.parse(out.trim().split("\n").pop()!)) : fail(new Error(`read child exited ${code}`)),
    );
  });
}

/** Inside the reference child: read the release once through the export's source. */
export async function dbReadChild(projectId: string, release: number): Promise<void> {
  const { releaseSource } = await import("@/lib/export/release-source");
  const { closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db/client");
  const t0 = Date.now();
  const opened = await releaseSource(projectId, release, "limi");
  let samples = 0;
  for await (const s of opened.source.open()) samples += s.steps.length > 0 ? 1 : 0;
  const u = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ ms: Date.now() - t0, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakMb: u.maxRSS / 1024, samples })}\n`,
  );
  await disconnectDb();
  await closePgPool();
}

export async function benchFromDatabase(input: DbBenchInput): Promise<void> {
  const { samples, meter, both } = input;
  const { createTestDatabase } = await import("@/lib/db/testing/test-database");
  const database = await createTestDatabase("limi_bench_export");
  const work = await mkdtemp(path.join(os.tmpdir(), "limi-export-bench-"));
  process.env.DATABASE_URL = database.url;
  process.env.LIMI_DATA_DIR = work;
  process.env.LIMI_MODELS_DIR = path.join(work, "models");
  const { resetEnvCache, env } = await import("@/lib/env");
  resetEnvCache();
  const { withPgTransaction, closePgPool, pgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db/client");
  try {
    const { makeProject, makeMember } = await import("@/lib/db/testing/factories");
    const { storeTrajectory } = await import("@/lib/trajectory/store/insert-trajectory");
    const { statsFromCounts } = await import("@/lib/tokens/stats");
    const { approveAll, makeRelease } = await import("@/lib/export/testing/releases");
    const { releaseSource } = await import("@/lib/export/release-source");
    const { exportSamples } = await import("@/lib/export/export-samples");
    const { spooledSource } = await import("@/lib/export/spooled-source");
    const { runExportChild } = await import("@/lib/export/export-child");
    const { CountingSink } = await import("@/lib/export/sinks/memory-sink");
    const { pinRevision, readTools, readRevision, streamRevisionSteps } =
      await import("@/lib/trajectory/store/read-revision");

    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const store = async (
      s: { tools: readonly ToolDefinition[]; steps: readonly ExportStep[] },
      projectId = project.id,
    ) => {
      const steps = s.steps.map(({ key: _key, ...rest }) => rest);
      const estimate = (x: unknown) => Math.ceil(JSON.stringify(x).length / 4);
      const stats = statsFromCounts(steps, steps.map(estimate), s.tools.map(estimate), "o200k_base");
      const r = await withPgTransaction((client) =>
        storeTrajectory(client, {
          projectId,
          parsed: { format: "bench", tools: [...s.tools], steps, source: {}, warnings: [] },
          stats,
        }),
      );
      return r.trajectoryId;
    };
    const ids: string[] = [];
    for (const s of samples) ids.push(await store(s));
    await approveAll(project.id, ids, lead.id);
    const release = await makeRelease(project.id, ids, { approvedById: lead.id });

    // 1b. ----------------------------------------------------------------------------------------
    let stop = meter();
    if (input.small) {
      const readAlone = async () => {
        let steps = 0;
        for (const id of ids) {
          const pinned = await pinRevision(project.id, id, 1);
          await readTools(id);
          for await (const _ of streamRevisionSteps(pinned)) steps++;
        }
        return steps;
      };
      const readAsExport = async () => {
        const opened = await releaseSource(project.id, release.number, "limi");
        let steps = 0;
        for await (const s of opened.source.open()) steps += s.steps.length;
        return steps;
      };
      await readAlone(); // warm-up
      await readAsExport();
      stop = meter();
      const steps = await readAlone();
      const ref = stop();
      stop = meter();
      await readAsExport();
      const refText = stop();
      console.log(
        `\n1b. The same ${samples.length} samples as release ${release.number} in the database (validation pass included)`,
      );
      console.log(`   reference: read the pinned revisions alone through the store (${steps} steps) ${both(ref)}`);
      console.log(`   reference: read them as the export does (stored JSON text, parsed)      ${both(refText)}`);
      const verdict = (ms: number) => (ms < 2000 ? "met" : "not met");
      console.log(`   in this process (the core over the spooled release source, into memory):`);
      for (const format of EXPORT_FORMATS) {
        const sink = new CountingSink();
        stop = meter();
        const opened = await releaseSource(project.id, release.number, format);
        const source = spooledSource(opened.source, path.join(work, `spool-${format}`));
        await exportSamples(source, format, { name: "bench", release: { number: release.number } }, sink);
        await source.dispose();
        const t = stop();
        console.log(
          `   ${format.padEnd(12)} ${both(t)}   ${(sink.bytes / 1e6).toFixed(1).padStart(5)} MB   ${(t.wall / ref.wall).toFixed(1)}x reference (wall)   target < 2000 ms: wall ${verdict(t.wall)}, CPU ${verdict(t.cpu)}`,
        );
      }
      console.log(`   through the export job's child process (start, read, write files to disk):`);
      for (const format of EXPORT_FORMATS) {
        const dir = path.join(work, "exports", `small-${format}`);
        const t0 = performance.now();
        const r = await runExportChild({
          projectId: project.id,
          project: { slug: project.slug, name: project.name },
          releaseNumber: release.number,
          trajectoryIds: [],
          format,
          options: { toolsInSystemPrompt: false, repeat: 1 },
          dir,
        });
        const wall = performance.now() - t0;
        const u = r.usage!;
        console.log(
          `   ${format.padEnd(12)} ${wall.toFixed(1).padStart(8)} ms wall (${u.wallMs.toFixed(0)} ms of it the export's work)   child ${u.cpuMs.toFixed(1)} ms CPU, peak RSS ${Math.round(u.peakRssMb)} MB   target < 2000 ms: ${verdict(wall)}`,
        );
        await rm(dir, { recursive: true, force: true });
      }
    }

    // 2. -----------------------------------------------------------------------------------------
    if (input.big > 0) {
      const heapMb = env().LIMI_EXPORT_HEAP_MB;
      console.log(
        `\n2. ${input.big.toLocaleString("en-US")} samples as one release, streamed to disk through the export job's child process (heap cap ${heapMb} MB; peak RSS = the child's VmHWM)`,
      );
      stop = meter();
      const big = await makeBigRelease(project.id, ids, input.big, (k, of) =>
        process.stdout.write(`\r   copying the pool in SQL (not timed): ${k}/${of}   `),
      );
      console.log(
        `\r   copied in ${(stop().wall / 1000).toFixed(0)} s (not timed); release ${big.number}              `,
      );
      for (const mode of input.bigModes) {
        if (mode === "reference") {
          const r = await readChild(project.id, big.number, heapMb);
          console.log(
            `   reference: read the rows once   ${(r.ms / 1000).toFixed(1).padStart(7)} s wall ${(r.cpuMs / 1000).toFixed(1).padStart(7)} s CPU   peak RSS ${Math.round(r.peakMb)} MB`,
          );
          continue;
        }
        const dir = path.join(work, "exports", `big-${mode}`);
        const t0 = performance.now();
        const r = await runExportChild({
          projectId: project.id,
          project: { slug: project.slug, name: project.name },
          releaseNumber: big.number,
          trajectoryIds: [],
          format: mode as (typeof EXPORT_FORMATS)[number],
          options: { toolsInSystemPrompt: false, repeat: 1 },
          dir,
        });
        const wall = performance.now() - t0;
        const u = r.usage!;
        const bytes = r.files.reduce((a, f) => a + f.bytes, 0);
        console.log(
          `   ${(mode === "limi" ? "limi (json + parquet)" : `${mode}`).padEnd(30)} ${(wall / 1000).toFixed(1).padStart(7)} s wall ${(u.cpuMs / 1000).toFixed(1).padStart(7)} s CPU   ${(bytes / 1e9).toFixed(2)} GB written   peak RSS ${Math.round(u.peakRssMb)} MB   target < 400 MB: ${u.peakRssMb < 400 ? "met" : "NOT met"}`,
        );
        await rm(dir, { recursive: true, force: true });
      }
    }

    // 3b. ----------------------------------------------------------------------------------------
    if (input.view) {
      const { loadChatTemplate } = await import("@/lib/export/training-view/chat-template");
      const { renderRevision, trainingView } = await import("@/lib/export/training-view/project-template");
      const { countTemplateTokens } = await import("@/lib/export/training-view/template-count-job");
      await mkdir(path.join(env().modelsDir, MODELS), { recursive: true });
      await writeFile(path.join(env().modelsDir, MODELS, "tokenizer.json"), input.view.tokenizerJson);
      // A project of its own: the count job counts every revision of the project, not this one only.
      const viewProject = await makeProject();
      const viewId = await store(input.view, viewProject.id);
      await pgPool().query(`UPDATE "Project" SET "chatTemplate"=$2 WHERE "id"=$1`, [viewProject.id, SPEC]);
      const fresh = () =>
        loadChatTemplate({ tokenizerJson: input.view!.tokenizerJson }, { folder: MODELS, builtin: "glm-4.5-style" });
      const refs: M[] = [];
      const cold: M[] = [];
      const counted: M[] = [];
      let tokens = 0;
      await readRevision(viewProject.id, viewId, 1); // warm-up
      for (let i = 0; i < 3; i++) {
        stop = meter();
        await readRevision(viewProject.id, viewId, 1);
        refs.push(stop());
        const template = fresh(); // not timed: loading the tokenizer happens once per process
        stop = meter();
        tokens = (await renderRevision(viewProject.id, viewId, 1, template)).view.tokenCount;
        cold.push(stop());
      }
      await countTemplateTokens(viewProject.id, async () => {}); // the training.count job's work (not timed)
      await trainingView(viewProject.id, viewId); // warm-up: the project's template loaded once
      let from = "";
      for (let i = 0; i < 3; i++) {
        stop = meter();
        const v = await trainingView(viewProject.id, viewId);
        counted.push(stop());
        from = v.countsFrom;
        if (v.tokenCount !== tokens) throw new Error(`stored count ${v.tokenCount} differs from ${tokens}`);
      }
      const v = (m: M) =>
        `target < 300 ms: wall ${m.wall < 300 ? "met" : "not met"}, CPU ${m.cpu < 300 ? "met" : "not met"}`;
      console.log(`\n3b. Training view from the database (${tokens.toLocaleString("en-US")} tokens; medians of 3)`);
      console.log(`   reference: read the revision alone                       ${both(med(refs))}`);
      console.log(`   not yet counted: read + render + tokenize every piece     ${both(med(cold))}   ${v(med(cold))}`);
      console.log(
        `   counted by the training.count job: read + render (${from}) ${both(med(counted))}   ${v(med(counted))}`,
      );
    }
  } finally {
    await disconnectDb().catch(() => undefined);
    await closePgPool().catch(() => undefined);
    await database.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
