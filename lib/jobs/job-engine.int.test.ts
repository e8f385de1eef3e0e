/**
 * The job engine's contract, through pg-boss on the run's database: parameters checked against the
 * kind's schema (a bad job fails alone, with a message naming the field), retries with backoff only
 * where a kind allows them, cancel seen by a running handler, and progress in the Job view.
 */
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { makeProject } from "@/lib/db/testing/factories";
import { defineJob, queueSettings } from "@/lib/jobs/define-job";
import { ensureQueue, jobEngine, stopJobEngine } from "@/lib/jobs/job-engine";
import { cancelJob } from "@/lib/jobs/job-queue";
import { runPendingJobs, startJobWorker } from "@/lib/jobs/job-worker";

afterAll(() => stopJobEngine());

const ran: string[] = [];
const echo = defineJob({
  kind: "test.echo",
  params: z.object({ word: z.string().min(1).max(10) }),
  async run({ word }, ctx) {
    ran.push(word);
    await ctx.progress(1, 1);
  },
});

let flakyCalls = 0;
const flaky = defineJob({
  kind: "test.flaky",
  params: z.object({}),
  retries: { limit: 2, delaySeconds: 1 },
  async run() {
    flakyCalls++;
    if (flakyCalls < 3) throw new Error(`transient failure ${flakyCalls}`);
  },
});

let brittleCalls = 0;
const brittle = defineJob({
  kind: "test.brittle",
  params: z.object({}),
  async run() {
    brittleCalls++;
    throw new Error("the provider is down");
  },
});

const slow = defineJob({
  kind: "test.slow",
  params: z.object({}),
  async run(_p, ctx) {
    for (let i = 0; i < 100 && !ctx.signal.aborted; i++) {
      await ctx.progress(i, 100);
      await new Promise((r) => setTimeout(r, 100));
    }
  },
});

/** Inserts a job with parameters its schema refuses, as an older version or a hand-made row might. */
async function enqueueRaw(projectId: string, kind: string, params: unknown) {
  const settings = queueSettings({});
  await ensureQueue(kind, settings);
  const boss = await jobEngine();
  const id = crypto.randomUUID();
  await withPgTransaction(async (c) => {
    await c.query(`INSERT INTO "Job" ("id", "projectId", "kind", "params") VALUES ($1, $2, $3, $4)`, [
      id,
      projectId,
      kind,
      JSON.stringify(params),
    ]);
    await boss.send(kind, { jobId: id }, { db: { executeSql: (t: string, v: unknown[]) => c.query(t, v) } });
  });
  return id;
}

async function drain(until: () => Promise<boolean>, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await until())) {
    if (Date.now() - started > timeoutMs) throw new Error("jobs did not finish");
    await runPendingJobs();
    await new Promise((r) => setTimeout(r, 200));
  }
}

const jobRow = (id: string) => db().job.findUniqueOrThrow({ where: { id } });

describe("job engine", () => {
  it("refuses bad parameters at enqueue, naming the field", async () => {
    const project = await makeProject();
    await expect(echo.enqueue({ projectId: project.id, params: { word: "" } })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/word/),
    });
    expect(await db().job.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("fails a stored job whose parameters fail its schema, with a clear message, and only that job", async () => {
    const project = await makeProject();
    const bad = await enqueueRaw(project.id, "test.echo", { word: 42 });
    const good = await echo.enqueue({ projectId: project.id, params: { word: "fine" } });
    await drain(async () => (await jobRow(good.id)).status === "done" && (await jobRow(bad)).status !== "queued");
    expect(await jobRow(bad)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^bad parameters for job "test\.echo": word: .*string/),
    });
    expect(await jobRow(good.id)).toMatchObject({ status: "done", progress: 1, total: 1, attempts: 1 });
    expect(ran).toContain("fine");
    expect(ran).not.toContain(42);
  });

  it("retries with backoff where the kind allows it, and not where it does not", async () => {
    const project = await makeProject();
    const f = await flaky.enqueue({ projectId: project.id, params: {} });
    const b = await brittle.enqueue({ projectId: project.id, params: {} });
    await drain(async () => (await jobRow(f.id)).status === "done" && (await jobRow(b.id)).status === "failed");
    expect(await jobRow(f.id)).toMatchObject({ status: "done", attempts: 3, error: null });
    expect(flakyCalls).toBe(3);
    expect(await jobRow(b.id)).toMatchObject({ status: "failed", attempts: 1, error: "the provider is down" });
    expect(brittleCalls).toBe(1);
  });

  it("a cancel in the Job view stops a running handler; progress is kept", async () => {
    const project = await makeProject();
    const stop = await startJobWorker(200);
    try {
      const job = await slow.enqueue({ projectId: project.id, params: {} });
      const started = Date.now();
      while ((await jobRow(job.id)).progress < 3) {
        if (Date.now() - started > 20_000) throw new Error("the job did not start");
        await new Promise((r) => setTimeout(r, 100));
      }
      await cancelJob(project.id, job.id);
      await expect(cancelJob(project.id, job.id)).rejects.toMatchObject({ code: "CONFLICT" });
      await new Promise((r) => setTimeout(r, 2500));
      const row = await jobRow(job.id);
      expect(row.status).toBe("cancelled");
      expect(row.progress).toBeGreaterThanOrEqual(3);
      expect(row.progress).toBeLessThan(100);
    } finally {
      await stop();
    }
  });
});
