import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { importFile } from "@/lib/import/import-file";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { getTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import { readRevision } from "@/lib/trajectory/read-trajectory";
import * as tokenizerRoute from "@/app/api/projects/[slug]/tokenizer/route";
import * as jobsRoute from "@/app/api/projects/[slug]/jobs/route";

const FIX = path.resolve(__dirname, "../formats/fixtures");
const HF = path.resolve(__dirname, "fixtures/tiny-bpe/tokenizer.json");

describe("changing the project tokenizer", () => {
  it("recounts every step and the totals in a background job with progress", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const cookie = await sessionCookie(admin.id);
    for (const f of ["claude-code/session.jsonl", "sii-cli/conv_0042.json"]) {
      expect(
        (
          await importFile(
            { path: path.join(FIX, f), name: f },
            { projectId: project.id, actorId: admin.id, format: "auto" },
          )
        ).status,
      ).toBe("imported");
    }
    const before = await db().trajectory.findMany({
      where: { projectId: project.id },
      select: { id: true, tokensTotal: true, tokenizer: true },
    });
    expect(before.every((t) => t.tokenizer === "o200k_base")).toBe(true);

    const res = await callRoute(tokenizerRoute.PUT, {
      method: "PUT",
      params: { slug: project.slug },
      cookie,
      body: { tokenizer: `hf:${HF}` },
    });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      project: { tokenizer: `hf:${HF}` },
      job: { status: "queued", kind: "tokens.recount" },
    });

    // Other tests' projects may have queued jobs too; this project's job is checked below.
    expect(await runPendingJobs()).toBeGreaterThanOrEqual(1);
    const jobs = await callRoute(jobsRoute.GET, { params: { slug: project.slug }, cookie });
    expect((jobs.json.jobs as Array<Record<string, unknown>>)[0]).toMatchObject({
      status: "done",
      progress: 2,
      total: 2,
      error: null,
    });

    const hf = getTokenizer(`hf:${HF}`);
    for (const t of before) {
      const after = await db().trajectory.findUniqueOrThrow({
        where: { id: t.id },
        select: { tokensTotal: true, tokenizer: true },
      });
      expect(after.tokenizer).toBe(`hf:${HF}`);
      const head = await readRevision(project.id, t.id);
      // Every stored step count is the new tokenizer's count of that step's text.
      for (const s of head.steps) expect(s.tokens).toBe(hf.count(stepText(s)));
      expect(after.tokensTotal).toBe(head.steps.reduce((n, s) => n + s.tokens, 0));
      expect(after.tokensTotal).not.toBe(t.tokensTotal);
    }
  });

  it("refuses a tokenizer file that does not exist, naming it, and changes nothing", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const res = await callRoute(tokenizerRoute.PUT, {
      method: "PUT",
      params: { slug: project.slug },
      cookie: await sessionCookie(admin.id),
      body: { tokenizer: "hf:/nowhere/tokenizer.json" },
    });
    expect(res.status).toBe(422);
    expect(res.json.error?.message).toMatch(/\/nowhere\/tokenizer\.json/);
    expect(
      (await db().project.findUniqueOrThrow({ where: { id: project.id }, select: { tokenizer: true } })).tokenizer,
    ).toBe("o200k_base");
    expect(await db().job.count({ where: { projectId: project.id } })).toBe(0);
  });
});
