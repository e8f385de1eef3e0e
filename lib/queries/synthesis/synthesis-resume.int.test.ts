/**
 * Resuming synthesis runs through the route the page uses and the job runner the server runs: the
 * run keeps its domain, nothing is written twice, and flags of PRs that later succeed go away.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { chatReply } from "@/lib/llm/testing/stub-openai-server";
import { withStubLlm } from "@/lib/llm/testing/stub-llm-hooks";
import { createPrImport, PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";
import { parsePrText } from "@/lib/queries/pull-requests/pr-file";
import { createRun, executeRun } from "@/lib/queries/synthesis/synthesis-runs";
import * as runs from "@/app/api/projects/[slug]/synthesis/runs/route";
import * as oneRun from "@/app/api/projects/[slug]/synthesis/runs/[runId]/route";
import * as cancel from "@/app/api/projects/[slug]/synthesis/runs/[runId]/cancel/route";
import * as resume from "@/app/api/projects/[slug]/synthesis/runs/[runId]/resume/route";

const llm = withStubLlm();

const pr = (n: number) => ({
  repo: "acme/ledger",
  number: n,
  title: `Round totals half-even ${n}`,
  patch: `diff --git a/src/total${n}.ts b/src/total${n}.ts\n--- a/src/total${n}.ts\n+++ b/src/total${n}.ts\n@@ -1 +1 @@\n-round(x)\n+roundHalfEven(x, ${n})\n`,
});

async function setup(count: number) {
  const project = await makeProject();
  const lead = await makeMember(project.id, "lead");
  const prs = parsePrText(Array.from({ length: count }, (_, i) => JSON.stringify(pr(i + 1))).join("\n"), "prs.jsonl");
  const imp = await createPrImport(project.id, {
    prs,
    sourceKind: "file",
    sourceName: "prs.jsonl",
    filters: PrFilterParamsSchema.parse({ maxPerRepo: 50 }),
    actorId: null,
  });
  return { project, imp, cookie: await sessionCookie(lead.id) };
}

/** Runs the server's job loop until this project's jobs are finished. */
async function drainJobs(projectId: string) {
  for (let i = 0; i < 20; i++) {
    await runPendingJobs();
    if (!(await db().job.count({ where: { projectId, status: { in: ["queued", "running"] } } }))) return;
  }
  throw new Error("jobs did not finish");
}

describe("resuming a synthesis run", () => {
  it("continues a cancelled run in its own domain without duplicating queries", async () => {
    const { project, imp, cookie } = await setup(4);
    const started = await callRoute(runs.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie,
      body: { importId: imp.id, concurrency: 1, domain: "Research Workflows" },
    });
    expect(started.status).toBe(202);
    const runId = (started.json.run as { id: string; domain: string }).id;
    expect(started.json.run).toMatchObject({ domain: "Research Workflows", status: "queued" });

    // Cancel from the page after two PRs: the run polls its status and stops.
    let cancelled = false;
    llm.current.setHandler(async () => {
      const n = llm.current.requests.filter((r) => r.path.endsWith("/chat/completions")).length;
      if (n === 3 && !cancelled) {
        cancelled = true;
        expect(
          (await callRoute(cancel.POST, { method: "POST", params: { slug: project.slug, runId }, cookie })).status,
        ).toBe(200);
        // Held long past the run's one-second status poll, which aborts the call.
        return { ...chatReply("{}"), delayMs: 8000 };
      }
      return chatReply(
        JSON.stringify({
          query: `Round the ledger totals, change ${n}`,
          task_category: "bug fix",
          modified_files: ["src/x.ts"],
          related_files: [],
          reasoning: "r",
        }),
      );
    });
    await drainJobs(project.id);
    const afterCancel = await callRoute(oneRun.GET, { params: { slug: project.slug, runId }, cookie });
    expect(afterCancel.json.run).toMatchObject({ status: "cancelled" });
    const firstPass = await db().query.count({ where: { projectId: project.id } });
    expect(firstPass).toBe(2);

    llm.current.setHandler(null);
    const resumed = await callRoute(resume.POST, { method: "POST", params: { slug: project.slug, runId }, cookie });
    expect(resumed.status).toBe(202);
    expect(resumed.json.run).toMatchObject({ status: "queued" });
    const again = await callRoute(resume.POST, { method: "POST", params: { slug: project.slug, runId }, cookie });
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toBe("the run is already queued");

    await drainJobs(project.id);
    const done = await callRoute(oneRun.GET, { params: { slug: project.slug, runId }, cookie });
    expect(done.json.run).toMatchObject({ status: "done", total: 4, skipped: 2, done: 2, flagged: 0, failed: 0 });
    const made = await db().query.findMany({ where: { projectId: project.id }, select: { prKey: true, domain: true } });
    expect(made.map((q) => q.prKey).sort()).toEqual([
      "acme/ledger#1",
      "acme/ledger#2",
      "acme/ledger#3",
      "acme/ledger#4",
    ]);
    expect(new Set(made.map((q) => q.domain))).toEqual(new Set(["Research Workflows"]));
  });

  it("retries flagged PRs when a finished run is resumed, and drops their flags once they succeed", async () => {
    const { project, imp, cookie } = await setup(2);
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1 }, null, { enqueue: false });
    // PR 1: two unusable replies (flagged); PR 2: the default, valid reply.
    llm.current.enqueue(chatReply("not json"), chatReply("still not json"));
    expect(await executeRun(project.id, run.id)).toMatchObject({ done: 1, flagged: 1 });
    const flagged = await callRoute(oneRun.GET, { params: { slug: project.slug, runId: run.id }, cookie });
    expect(flagged.json.flags).toEqual([
      expect.objectContaining({
        prKey: "acme/ledger#1",
        kind: "invalid_output",
        reason: expect.stringContaining("unusable twice"),
      }),
    ]);

    expect(
      (await callRoute(resume.POST, { method: "POST", params: { slug: project.slug, runId: run.id }, cookie })).status,
    ).toBe(202);
    await drainJobs(project.id);
    const after = await callRoute(oneRun.GET, { params: { slug: project.slug, runId: run.id }, cookie });
    expect(after.json.run).toMatchObject({ status: "done", done: 1, skipped: 1, flagged: 0 });
    expect(after.json.flags).toEqual([]);
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("refuses to resume a running or still stopping run, and says so when no LLM is configured", async () => {
    const { project, imp, cookie } = await setup(1);
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1 }, null, { enqueue: false });
    await db().synthesisRun.update({ where: { id: run.id }, data: { status: "running" } });
    const resumeRun = () =>
      callRoute(resume.POST, { method: "POST", params: { slug: project.slug, runId: run.id }, cookie });
    const executing = async () =>
      (await callRoute(oneRun.GET, { params: { slug: project.slug, runId: run.id }, cookie })).json.executing;
    const running = await resumeRun();
    expect(running.status).toBe(409);
    expect(running.json.error?.message).toBe("the run is running; it can be resumed once it has stopped");

    // Cancelled, but its job is still finishing the calls in flight.
    await db().synthesisRun.update({ where: { id: run.id }, data: { status: "cancelled" } });
    const job = await db().job.create({
      data: { projectId: project.id, kind: "queries.synthesize", status: "running", params: { runId: run.id } },
      select: { id: true },
    });
    const stopping = await resumeRun();
    expect(stopping.status).toBe(409);
    expect(stopping.json.error?.message).toBe("the run is still stopping; resume it once it has stopped");
    expect(await executing()).toBe(true);
    await db().job.update({ where: { id: job.id }, data: { status: "done" } });
    expect(await executing()).toBe(false);

    await db().synthesisRun.update({ where: { id: run.id }, data: { status: "failed" } });
    delete process.env.LLM_BASE_URL;
    resetEnvCache();
    const noLlm = await resumeRun();
    expect(noLlm.status).toBe(422);
    expect(noLlm.json.error?.message).toBe("LLM base URL is not configured (set LLM_BASE_URL)");
    expect((await db().synthesisRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("failed");
  });

  it("does not resume another project's run, with a run id taken from it", async () => {
    const mine = await setup(1);
    const theirs = await setup(1);
    const { run } = await createRun(theirs.project.id, { importId: theirs.imp.id, concurrency: 1 }, null, {
      enqueue: false,
    });
    await db().synthesisRun.update({ where: { id: run.id }, data: { status: "failed" } });
    const res = await callRoute(resume.POST, {
      method: "POST",
      params: { slug: mine.project.slug, runId: run.id },
      cookie: mine.cookie,
    });
    expect(res.status).toBe(404);
    expect(res.json.error?.message).toBe(`synthesis run ${run.id} not found in this project`);
    expect((await db().synthesisRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("failed");
    expect(await db().job.count({ where: { projectId: theirs.project.id } })).toBe(0);
  });
});
