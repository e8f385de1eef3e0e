/** The review routes as clients call them, the import hook, review labels, and `limi review export`. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { pgPool } from "@/lib/db/pg-pool";
import { sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { DEFAULT_REVIEW_SETTINGS } from "@/lib/review/rubric";
import { auditCount, importTrajectory, reviewProject, scores } from "@/lib/review/testing/review-fixtures";
import * as decision from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/decision/route";
import * as reviews from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/reviews/route";
import * as annotations from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/annotations/route";
import * as next from "@/app/api/projects/[slug]/review/next/route";
import * as settings from "@/app/api/projects/[slug]/review/settings/route";
import * as send from "@/app/api/projects/[slug]/review/send/route";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "../cli/limi.mjs");

type ClaimJson = { claim: { trajectoryId: string; claimId: string } | null };

async function setup() {
  const f = await reviewProject();
  const cookies = {
    annotator: await sessionCookie(f.annotator.id),
    a: await sessionCookie(f.reviewerA.id),
    b: await sessionCookie(f.reviewerB.id),
    lead: await sessionCookie(f.lead.id),
  };
  return { ...f, cookies, slug: f.project.slug };
}

async function claim(slug: string, cookie: string) {
  const r = await callRoute(next.POST, { method: "POST", params: { slug }, cookie });
  expect(r.status).toBe(200);
  return (r.json as ClaimJson).claim!;
}

// Each test makes several users (scrypt) and imports; on a loaded 2-core machine that alone can pass 30 s.
describe("review routes", { timeout: 120_000 }, () => {
  it("refuses an approval by an annotator or a reviewer with 403, and changes nothing", async () => {
    const f = await setup();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const before = await auditCount(f.project.id);
    for (const cookie of [f.cookies.annotator, f.cookies.a]) {
      const r = await callRoute(decision.POST, {
        method: "POST",
        params: { slug: f.slug, trajectoryId: id },
        body: { decision: "override_approve", revisionNumber: 1, reason: "looks fine" },
        cookie,
      });
      expect(r.status).toBe(403);
    }
    expect(await auditCount(f.project.id)).toBe(before);
    const ok = await callRoute(decision.POST, {
      method: "POST",
      params: { slug: f.slug, trajectoryId: id },
      body: { decision: "override_approve", revisionNumber: 1, reason: "lead's call" },
      cookie: f.cookies.lead,
    });
    expect(ok.status).toBe(200);
  });

  it("answers bad review input with 422 naming the field, writing nothing", async () => {
    const f = await setup();
    const id = await importTrajectory(f.project.id, null);
    const c = await claim(f.slug, f.cookies.a);
    const post = (body: object) =>
      callRoute(reviews.POST, {
        method: "POST",
        params: { slug: f.slug, trajectoryId: id },
        body,
        cookie: f.cookies.a,
      });
    const base = { claimId: c.claimId, revisionNumber: 1, verdict: "accept", scores: scores(3) };
    const outOfRange = await post({ ...base, scores: scores(3, { correctness: 9 }) });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.json).toMatchObject({ error: { location: { field: "scores.correctness" } } });
    const noComment = await post({ ...base, verdict: "reject" });
    expect(noComment.status).toBe(422);
    expect(noComment.json).toMatchObject({ error: { location: { field: "comment" } } });
    const badVerdict = await post({ ...base, verdict: "maybe" });
    expect(badVerdict.status).toBe(422);
    const rows = await pgPool().query(`SELECT 1 FROM "Review" WHERE "trajectoryId"=$1`, [id]);
    expect(rows.rowCount).toBe(0);
    const ok = await post(base);
    expect(ok.status).toBe(201);
  });

  it("keeps labels made inside a review hidden from the other reviewer until they submit", async () => {
    const f = await setup();
    const id = await importTrajectory(f.project.id, null);
    const params = { slug: f.slug, trajectoryId: id };
    const c = await claim(f.slug, f.cookies.a);
    const made = await callRoute(annotations.POST, {
      method: "POST",
      params,
      body: { stepKey: "s1", label: "error" },
      cookie: f.cookies.a,
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ annotation: { reviewRevision: 1 } });
    const submitted = await callRoute(reviews.POST, {
      method: "POST",
      params,
      body: { claimId: c.claimId, revisionNumber: 1, verdict: "accept", scores: scores(4) },
      cookie: f.cookies.a,
    });
    expect(submitted.status).toBe(201);
    const labels = async (cookie: string) =>
      ((await callRoute(annotations.GET, { params, cookie })).json as { annotations: unknown[] }).annotations.length;
    expect(await labels(f.cookies.b)).toBe(0);
    expect(await labels(f.cookies.a)).toBe(1);
    expect(await labels(f.cookies.lead)).toBe(1);
    const seen = (await callRoute(reviews.GET, { params, cookie: f.cookies.b })).json as {
      rounds: Array<{ reviews: unknown[]; hidden: number }>;
    };
    expect(seen.rounds[0]).toMatchObject({ reviews: [], hidden: 1 });
    const cb = await claim(f.slug, f.cookies.b);
    await callRoute(reviews.POST, {
      method: "POST",
      params,
      body: { claimId: cb.claimId, revisionNumber: 1, verdict: "accept", scores: scores(4) },
      cookie: f.cookies.b,
    });
    expect(await labels(f.cookies.b)).toBe(1);
  });

  it("queues imports only when the project's setting is on; otherwise someone sends them", async () => {
    const f = await setup();
    const put = await callRoute(settings.PUT, {
      method: "PUT",
      params: { slug: f.slug },
      body: { ...DEFAULT_REVIEW_SETTINGS, queueNewTrajectories: false },
      cookie: f.cookies.lead,
    });
    expect(put.status).toBe(200);
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const status = async () =>
      (await pgPool().query(`SELECT "status" FROM "Trajectory" WHERE "id"=$1`, [id])).rows[0].status as string;
    expect(await status()).toBe("imported");
    const sent = await callRoute(send.POST, {
      method: "POST",
      params: { slug: f.slug },
      body: { trajectoryIds: [id] },
      cookie: f.cookies.annotator,
    });
    expect(sent.status).toBe(200);
    expect(await status()).toBe("in_review");
    const twice = await callRoute(send.POST, {
      method: "POST",
      params: { slug: f.slug },
      body: { trajectoryIds: [id] },
      cookie: f.cookies.annotator,
    });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject({ error: { location: { field: "trajectoryIds[0]" } } });
  });
});

describe("limi review export", { timeout: 120_000 }, () => {
  it("writes every review as a JSON line", async () => {
    const f = await setup();
    const id = await importTrajectory(f.project.id, null);
    const c = await claim(f.slug, f.cookies.a);
    await callRoute(reviews.POST, {
      method: "POST",
      params: { slug: f.slug, trajectoryId: id },
      body: { claimId: c.claimId, revisionNumber: 1, verdict: "accept", scores: scores(5), firstErrorStepKey: "s2" },
      cookie: f.cookies.a,
    });
    const out = await run(process.execPath, [BIN, "review", "export", "--project", f.slug], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    });
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      trajectory: id,
      revision: 1,
      stale: false,
      verdict: "accept",
      scores: scores(5),
      firstErrorStep: { key: "s2", index: 2 },
      reviewer: { email: f.reviewerA.email },
    });
    expect(typeof lines[0].createdAt).toBe("string");
  });
});
