/**
 * Imports one file through `importFile` in a process of its own, so its peak RSS is the import's
 * alone (plus the loaded app modules). Started by bench/import.ts:
 *
 *   DATABASE_URL=… BENCH_PROJECT_ID=… npx tsx bench/import/big-file-child.ts <file>
 *
 * Prints one line `BENCH_CHILD_RESULT {json}` with the time, VmHWM and the result's figures.
 */
import { basename } from "node:path";
import { statSync } from "node:fs";
import { RssSampler, vmHwmMb, vmRssMb } from "@/bench/import/rss";

async function main(): Promise<void> {
  const file = process.argv[2];
  const projectId = process.env.BENCH_PROJECT_ID;
  if (!file || !projectId || !process.env.DATABASE_URL)
    throw new Error("usage: DATABASE_URL=… BENCH_PROJECT_ID=… tsx bench/import/big-file-child.ts <file>");
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { importFile } = await import("@/lib/import/import-file");
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBeforeMb = gc ? process.memoryUsage().heapUsed / 1024 / 1024 : null;
  const rssBeforeMb = vmRssMb();
  const sampler = new RssSampler().start(100);
  const t0 = performance.now();
  const result = await importFile({ path: file, name: basename(file) }, { projectId, actorId: null, format: "auto" });
  const seconds = (performance.now() - t0) / 1000;
  const samplerPeakMb = sampler.stop();
  // With --expose-gc (the parent sets it in NODE_OPTIONS): what the import still holds once garbage
  // is collected, to tell retained memory from a heap that V8 simply let grow.
  let heapAfterGcMb: number | null = null;
  if (gc) {
    gc();
    heapAfterGcMb = process.memoryUsage().heapUsed / 1024 / 1024;
  }
  const out = {
    seconds,
    bytes: statSync(file).size,
    rssBeforeMb,
    vmHwmMb: vmHwmMb(),
    samplerPeakMb,
    samplerPeaks: sampler.peaks,
    heapBeforeMb,
    heapAfterGcMb,
    status: result.status,
    format: result.format,
    trajectories: result.trajectoryIds.length,
    steps: result.steps,
    toolCalls: result.toolCalls,
    toolResults: result.toolResults,
    failedToolResults: result.failedToolResults,
    humanMessages: result.humanMessages,
    reasoningSteps: result.reasoningSteps,
    tokens: result.tokens,
    warnings: result.warnings.length,
    error: result.error,
  };
  console.log(`BENCH_CHILD_RESULT ${JSON.stringify(out)}`);
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  const { closePgPool } = await import("@/lib/db/pg-pool");
  await closePgPool();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
