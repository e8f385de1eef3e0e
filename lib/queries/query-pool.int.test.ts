/** The query pool end to end against the database and a local OpenAI-compatible stub. */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { makeMember, makeProject, sessionCookie, uid } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { chatReply } from "@/lib/llm/testing/stub-openai-server";
import { withStubLlm } from "@/lib/llm/testing/stub-llm-hooks";
import { createPrImport, PrFilterParamsSchema } from "@/lib/queries/pull-requests/pr-import-service";
import { parsePrText } from "@/lib/queries/pull-requests/pr-file";
import { createRun, executeRun } from "@/lib/queries/synthesis/synthesis-runs";
import * as queries from "@/app/api/projects/[slug]/queries/route";
import * as oneQuery from "@/app/api/projects/[slug]/queries/[queryId]/route";
import * as importQueries from "@/app/api/projects/[slug]/queries/import/route";
import * as exportQueries from "@/app/api/projects/[slug]/queries/export/route";
import * as prImports from "@/app/api/projects/[slug]/pr-imports/route";
import * as runs from "@/app/api/projects/[slug]/synthesis/runs/route";

const llm = withStubLlm();

const pr = (n: number, extra: Record<string, unknown> = {}) => ({
  repo: "acme/scheduler",
  number: n,
  title: `Fix retry jitter bound ${n}`,
  body: "Jitter could exceed the next step.",
  patch: `diff --git a/src/retry${n}.py b/src/retry${n}.py\n--- a/src/retry${n}.py\n+++ b/src/retry${n}.py\n@@ -1 +1 @@\n-x = 1\n+x = ${n}\n`,
  ...extra,
});

async function importPrs(projectId: string, list: Array<Record<string, unknown>>) {
  const prs = parsePrText(list.map((p) => JSON.stringify(p)).join("\n"), "prs.jsonl");
  return createPrImport(projectId, {
    prs,
    sourceKind: "file",
    sourceName: "prs.jsonl",
    filters: PrFilterParamsSchema.parse({ maxPerRepo: 50 }),
    actorId: null,
  });
}

const patchQuery = (params: Record<string, string>, cookie: string, body: Record<string, unknown>) =>
  callRoute(oneQuery.PATCH, { method: "PATCH", params, cookie, body });

async function setup() {
  const project = await makeProject();
  const annotator = await makeMember(project.id, "annotator");
  const lead = await makeMember(project.id, "lead");
  return { project, annotatorCookie: await sessionCookie(annotator.id), leadCookie: await sessionCookie(lead.id) };
}

describe("human queries and decisions", () => {
  it("lets an annotator write a query but only a lead accept or reject it", async () => {
    const { project, annotatorCookie, leadCookie } = await setup();
    const created = await callRoute(queries.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie: annotatorCookie,
      body: {
        text: "Port the scheduler to asyncio and keep the retry tests green.",
        domain: "Vibe Coding",
        tags: ["python"],
      },
    });
    expect(created.status).toBe(201);
    const id = (created.json.query as { id: string; status: string; source: string }).id;
    expect(created.json.query).toMatchObject({ status: "candidate", source: "human" });
    const params = { slug: project.slug, queryId: id };
    const denied = await patchQuery(params, annotatorCookie, { status: "accepted" });
    expect(denied.status).toBe(403);
    expect(
      (await patchQuery(params, annotatorCookie, { text: "Port the scheduler to asyncio; keep retry tests green." }))
        .status,
    ).toBe(200);
    const accepted = await patchQuery(params, leadCookie, { status: "accepted" });
    expect(accepted.json.query).toMatchObject({
      status: "accepted",
      text: "Port the scheduler to asyncio; keep retry tests green.",
    });
  });

  it("refuses an unknown domain, naming the project's domains", async () => {
    const { project, annotatorCookie } = await setup();
    const r = await callRoute(queries.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie: annotatorCookie,
      body: { text: "x", domain: "Cooking" },
    });
    expect(r.status).toBe(422);
    expect(r.json.error?.message).toBe(
      'unknown domain "Cooking"; this project\'s domains are: Vibe Coding, Research Workflows',
    );
  });

  it("warns before accepting a near-duplicate, and accepts with force", async () => {
    const { project, annotatorCookie, leadCookie } = await setup();
    const text =
      "Build a fifteen by fifteen Gomoku web page with undo and redo, win detection in four directions and an AI opponent that blocks open fours.";
    const make = (t: string) =>
      callRoute(queries.POST, {
        method: "POST",
        params: { slug: project.slug },
        cookie: annotatorCookie,
        body: { text: t, domain: "Vibe Coding" },
      });
    await make(text);
    const second = await make(`${text} Thanks.`);
    expect((second.json.duplicates as unknown[]).length).toBe(1);
    const params = { slug: project.slug, queryId: (second.json.query as { id: string }).id };
    const conflict = await patchQuery(params, leadCookie, { status: "accepted" });
    expect(conflict.status).toBe(409);
    expect(
      (conflict.json.error as unknown as { details: { duplicates: Array<{ similarity: number }> } }).details
        .duplicates[0].similarity,
    ).toBeGreaterThanOrEqual(0.8);
    const forced = await patchQuery(params, leadCookie, { status: "accepted", force: true });
    expect(forced.status).toBe(200);
  });

  it("imports JSONL all-or-nothing, naming the bad line, and exports it back", async () => {
    const { project, annotatorCookie } = await setup();
    const good = JSON.stringify({
      text: `Summarise the survey ${uid()}`,
      domain: "Research Workflows",
      tags: ["survey"],
    });
    const bad = await callRoute(importQueries.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie: annotatorCookie,
      body: `${good}\n{"text": "no domain"}\n`,
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error?.message).toMatch(/^queries\.jsonl line 2 field domain: .*nothing was imported$/);
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(0);
    expect(
      (
        await callRoute(importQueries.POST, {
          method: "POST",
          params: { slug: project.slug },
          cookie: annotatorCookie,
          body: `${good}\n`,
        })
      ).status,
    ).toBe(201);
    const res = await exportQueries.GET(new Request("http://localhost/x", { headers: { cookie: annotatorCookie } }), {
      params: Promise.resolve({ slug: project.slug }),
    });
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      text: JSON.parse(good).text,
      domain: "Research Workflows",
      tags: ["survey"],
      status: "candidate",
      source: "imported",
    });
  });
});

describe("pull requests and synthesis", () => {
  it("names the line of a malformed PR file and imports nothing", async () => {
    const { project, leadCookie } = await setup();
    const body = `${JSON.stringify(pr(1))}\n${JSON.stringify({ repo: "acme/scheduler", number: 2, patch: "x" })}\n`;
    const r = await callRoute(prImports.POST, {
      method: "POST",
      params: { slug: project.slug },
      path: "/?filename=prs.jsonl",
      cookie: leadCookie,
      body,
    });
    expect(r.status).toBe(422);
    expect(r.json.error?.message).toMatch(/prs\.jsonl line 2 field title/);
    expect(await db().prImport.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("reports how many PRs each LIMI filter removed", async () => {
    const { project, leadCookie } = await setup();
    const huge = `diff --git a/big.ts b/big.ts\n--- a/big.ts\n+++ b/big.ts\n@@ -1 +1,3000 @@\n${Array.from({ length: 3000 }, (_, i) => `+export const value${i} = computeSomething(${i}, "${i}");`).join("\n")}\n`;
    const docs = "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-old\n+new\n";
    const body = [pr(1), pr(2), pr(3, { patch: huge }), pr(4, { patch: docs })]
      .map((p) => JSON.stringify(p))
      .join("\n");
    const r = await callRoute(prImports.POST, {
      method: "POST",
      params: { slug: project.slug },
      path: "/?filename=prs.jsonl",
      cookie: leadCookie,
      body,
    });
    expect(r.status).toBe(201);
    expect(r.json.import).toMatchObject({
      total: 4,
      kept: 2,
      removed: { patchTooLarge: 1, docsOnly: 1, multiFile: 0, overRepoCap: 0 },
    });
  });

  it("refuses to start a run when no LLM base URL is configured", async () => {
    const { project, leadCookie } = await setup();
    const imp = await importPrs(project.id, [pr(1)]);
    delete process.env.LLM_BASE_URL;
    resetEnvCache();
    const r = await callRoute(runs.POST, {
      method: "POST",
      params: { slug: project.slug },
      cookie: leadCookie,
      body: { importId: imp.id },
    });
    expect(r.status).toBe(422);
    expect(r.json.error?.message).toBe("LLM base URL is not configured (set LLM_BASE_URL)");
  });

  it("synthesises a candidate query per kept PR, with provenance and a token tally", async () => {
    const { project } = await setup();
    const imp = await importPrs(project.id, [pr(1), pr(2), pr(3)]);
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 2 }, null, { enqueue: false });
    const s = await executeRun(project.id, run.id);
    expect(s).toMatchObject({ total: 3, done: 3, flagged: 0, failed: 0 });
    const made = await db().query.findMany({
      where: { projectId: project.id },
      select: { status: true, source: true, prKey: true, prId: true, provenance: true },
    });
    expect(made.map((q) => q.prKey).sort()).toEqual(["acme/scheduler#1", "acme/scheduler#2", "acme/scheduler#3"]);
    expect(made.every((q) => q.status === "candidate" && q.source === "pr_synthesized" && q.prId)).toBe(true);
    expect(made[0].provenance).toMatchObject({ repo: "acme/scheduler", model: "stub-model", runId: run.id });
    const row = await db().synthesisRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row).toMatchObject({ status: "done", done: 3 });
    expect(row.promptTokens).toBeGreaterThan(0);
  });

  it("retries after a 429 and succeeds", async () => {
    const { project } = await setup();
    const imp = await importPrs(project.id, [pr(1)]);
    llm.current.enqueue({ status: 429, headers: { "retry-after": "0" }, body: { error: { message: "slow down" } } });
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1 }, null, { enqueue: false });
    expect(await executeRun(project.id, run.id)).toMatchObject({ done: 1, failed: 0 });
    expect(llm.current.requests.filter((r) => r.path.endsWith("/chat/completions"))).toHaveLength(2);
  });

  it("retries invalid JSON once, then flags the PR and stores no query", async () => {
    const { project } = await setup();
    const imp = await importPrs(project.id, [pr(1)]);
    llm.current.enqueue(
      chatReply("Sure! Here is the task: fix the retry jitter."),
      chatReply('{"query": "only a query"}'),
    );
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1 }, null, { enqueue: false });
    expect(await executeRun(project.id, run.id)).toMatchObject({ done: 0, flagged: 1 });
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(0);
    const flag = await db().synthesisFlag.findFirstOrThrow({ where: { runId: run.id } });
    expect(flag).toMatchObject({ prKey: "acme/scheduler#1", kind: "invalid_output" });
    expect(flag.rawOutput).toContain("only a query");
  });

  it("resumes an interrupted run without duplicating queries", async () => {
    const { project } = await setup();
    const imp = await importPrs(project.id, [pr(1), pr(2), pr(3), pr(4)]);
    const { run } = await createRun(project.id, { importId: imp.id, concurrency: 1 }, null, { enqueue: false });
    const controller = new AbortController();
    const first = await executeRun(project.id, run.id, {
      signal: controller.signal,
      onProgress: (s) => s.done >= 2 && controller.abort(),
    });
    expect(first?.aborted).toBe(true);
    expect(await db().query.count({ where: { projectId: project.id } })).toBe(2);
    const second = await executeRun(project.id, run.id);
    expect(second).toMatchObject({ skipped: 2, done: 2, aborted: false });
    const keys = (await db().query.findMany({ where: { projectId: project.id }, select: { prKey: true } })).map(
      (q) => q.prKey,
    );
    expect(new Set(keys).size).toBe(4);
    expect(keys).toHaveLength(4);
  });
});
