/**
 * Part 1b of bench/export.ts: the same 78 samples stored in a fresh database (not timed) and locked
 * as a release, then exported in every format through the release source (the export job's path:
 * pinned revisions read through the trajectory store), against reading the same rows alone.
 */
import type { ExportSample } from "@/lib/export/types";
import { EXPORT_FORMATS } from "@/lib/export/types";

export async function benchFromDatabase(
  samples: readonly ExportSample[],
  meter: () => () => { wall: number; cpu: number },
  both: (m: { wall: number; cpu: number }) => string,
): Promise<void> {
  const { createTestDatabase } = await import("@/lib/db/testing/test-database");
  const database = await createTestDatabase("limi_bench_export");
  process.env.DATABASE_URL = database.url;
  const { resetEnvCache } = await import("@/lib/env");
  resetEnvCache();
  const { withPgTransaction, closePgPool } = await import("@/lib/db/pg-pool");
  const { disconnectDb } = await import("@/lib/db/client");
  try {
    const { makeProject, makeMember } = await import("@/lib/db/testing/factories");
    const { storeTrajectory } = await import("@/lib/trajectory/store/insert-trajectory");
    const { statsFromCounts } = await import("@/lib/tokens/stats");
    const { approveAll, makeRelease } = await import("@/lib/export/testing/releases");
    const { releaseSource } = await import("@/lib/export/release-source");
    const { exportSamples } = await import("@/lib/export/export-samples");
    const { CountingSink } = await import("@/lib/export/sinks/memory-sink");
    const { pinRevision, readTools, streamRevisionSteps } = await import("@/lib/trajectory/store/read-revision");

    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const ids: string[] = [];
    for (const s of samples) {
      const steps = s.steps.map(({ key: _key, ...rest }) => rest);
      const estimate = (x: unknown) => Math.ceil(JSON.stringify(x).length / 4);
      const stats = statsFromCounts(steps, steps.map(estimate), s.tools.map(estimate), "o200k_base");
      const r = await withPgTransaction((client) =>
        storeTrajectory(client, {
          projectId: project.id,
          parsed: { format: "bench", tools: [...s.tools], steps, source: {}, warnings: [] },
          stats,
        }),
      );
      ids.push(r.trajectoryId);
    }
    await approveAll(project.id, ids, lead.id);
    const release = await makeRelease(project.id, ids, { approvedById: lead.id });

    const readAlone = async () => {
      let steps = 0;
      for (const id of ids) {
        const pinned = await pinRevision(project.id, id, 1);
        await readTools(id);
        for await (const _ of streamRevisionSteps(pinned)) steps++;
      }
      return steps;
    };
    await readAlone(); // warm-up
    let stop = meter();
    const steps = await readAlone();
    const ref = stop();
    console.log(
      `\n1b. The same ${samples.length} samples as release ${release.number} in the database (validation pass included)`,
    );
    console.log(`   reference: read the pinned revisions alone (${steps} steps) ${both(ref)}`);
    for (const format of EXPORT_FORMATS) {
      const sink = new CountingSink();
      stop = meter();
      const opened = await releaseSource(project.id, release.number, format);
      await exportSamples(opened.source, format, { name: "bench", release: { number: release.number } }, sink);
      const t = stop();
      console.log(
        `   ${format.padEnd(44)} ${both(t)}   ${(sink.bytes / 1e6).toFixed(1).padStart(5)} MB   ${(t.wall / ref.wall).toFixed(1)}x reference (wall)   target < 2000 ms: wall ${t.wall < 2000 ? "met" : "not met"}, CPU ${t.cpu < 2000 ? "met" : "not met"}`,
      );
    }
  } finally {
    await disconnectDb().catch(() => undefined);
    await closePgPool().catch(() => undefined);
    await database.dispose();
  }
}
