/**
 * The columns the curation board filters and sorts on, stored on the trajectory row for its approved
 * revision (review score, agreement, the token rule's count), follow every writer of their inputs:
 * the approval, a new revision (the trajectory leaves the pool), a change of the chat template, the
 * template count job and the tokenizer recount; the board, add, validation and a release read the same count.
 */
import { describe, expect, it } from "vitest";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { pgPool } from "@/lib/db/pg-pool";
import { runPendingJobs } from "@/lib/jobs/job-worker";
import "@/lib/server/job-kinds";
import { saveRevision } from "@/lib/trajectory/revisions";
import { exactTokenCount } from "@/lib/trajectory/store/template-tokens";
import { nextForMe } from "@/lib/review/review-queue";
import { submitReview } from "@/lib/review/submit-review";
import { decide } from "@/lib/review/lead-decision";
import { DEFAULT_RUBRIC } from "@/lib/review/rubric";
import { importTrajectory, reviewProject, scores } from "@/lib/review/testing/review-fixtures";
import { setProjectTemplate } from "@/lib/export/training-view/template-setting";
import { curationTrajectory, makeSet } from "@/lib/curation/testing/curation-fixtures";
import { listPool } from "@/lib/curation/pool";
import { PoolQuery } from "@/lib/curation/schemas";
import { findSet, loadSetSamples } from "@/lib/curation/gate/set-samples";
import { tokenCountForRule } from "@/lib/curation/token-rule";
import { callRoute } from "@/lib/http/testing/call-route";
import * as tokenizerRoute from "@/app/api/projects/[slug]/tokenizer/route";

const SPEC = "builtin:chatml+folder:tiny-bpe";

interface Stored {
  status: string;
  reviewScore: number | null;
  reviewAgreement: number | null;
  ruleTokens: number | null;
  estimate: number;
}

async function stored(id: string): Promise<Stored> {
  const r = await pgPool().query<Stored>(
    `SELECT "status"::text AS "status", "reviewScore", "reviewAgreement", "ruleTokens",
       "tokensTotal" + "templateOverhead" + "toolDefinitionTokens" AS "estimate"
     FROM "Trajectory" WHERE "id"=$1`,
    [id],
  );
  return r.rows[0];
}

async function review(
  projectId: string,
  userId: string,
  verdict: "accept" | "needs_changes",
  s: Record<string, number>,
) {
  const c = await nextForMe(projectId, userId, "review");
  if (!c) throw new Error("nothing to claim");
  await submitReview(
    projectId,
    c.trajectoryId,
    { claimId: c.claimId, revisionNumber: c.revisionNumber, verdict, scores: s, comment: "see step 2" },
    userId,
  );
}

const poolQuery = (qs = "") => PoolQuery.parse(Object.fromEntries(new URLSearchParams(qs)));

describe("stored curation columns", { timeout: 120_000 }, () => {
  it("follow the approval; a new revision leaves them on the approved revision; a new approval recomputes them", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    expect(await stored(id)).toMatchObject({ reviewScore: null, reviewAgreement: null, ruleTokens: null });

    await review(f.project.id, f.reviewerA.id, "accept", scores(4));
    await review(f.project.id, f.reviewerB.id, "needs_changes", scores(2, { safety: 5 }));
    await decide(
      f.project.id,
      id,
      { decision: "override_approve", revisionNumber: 1, reason: "good enough" },
      f.lead.id,
    );
    const n = DEFAULT_RUBRIC.length;
    const approved = await stored(id);
    expect(approved.status).toBe("approved");
    expect(approved.reviewScore).toBeCloseTo((4 * n + 2 * (n - 1) + 5) / (2 * n), 10);
    expect(approved.reviewAgreement).toBe(0.5);
    expect(approved.ruleTokens).toBe(approved.estimate);

    // The board reads and filters on the stored values.
    const setId = await makeSet(f.project.id);
    const page = await listPool(f.project.id, setId, poolQuery("minScore=2.5&minAgreement=0.5&sort=agreement"));
    expect(page.rows.map((r) => [r.id, r.score, r.agreement, r.tokens])).toEqual([
      [id, approved.reviewScore, 0.5, approved.ruleTokens],
    ]);
    expect((await listPool(f.project.id, setId, poolQuery("minAgreement=0.6"))).total).toBe(0);
    expect((await listPool(f.project.id, setId, poolQuery(`maxTokens=${approved.estimate - 1}`))).total).toBe(0);

    // A longer revision sends it back to review: the columns still describe revision 1.
    await saveRevision(
      f.project.id,
      id,
      {
        baseNumber: 1,
        reason: "longer answer",
        ops: [{ op: "update", key: "s2", step: { kind: "assistant", text: `Fixed. ${"more words ".repeat(50)}` } }],
      },
      { id: f.annotator.id, name: "An" },
    );
    const left = await stored(id);
    expect(left.status).toBe("in_review");
    expect(left.estimate).toBeGreaterThan(approved.estimate);
    expect(left).toMatchObject({
      reviewScore: approved.reviewScore,
      reviewAgreement: 0.5,
      ruleTokens: approved.ruleTokens,
    });
    expect((await listPool(f.project.id, setId, poolQuery())).total).toBe(0);

    // Approved again at revision 2 (no reviews of it yet): its own count, no score.
    await decide(f.project.id, id, { decision: "override_approve", revisionNumber: 2, reason: "fine" }, f.lead.id);
    const again = await stored(id);
    expect(again).toMatchObject({ status: "approved", reviewScore: null, reviewAgreement: null });
    expect(again.ruleTokens).toBe(again.estimate);
  });

  it("follow the chat template (one project-wide recompute) and the count job, and every caller reads the same count", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const ids = [
      await curationTrajectory(project.id, admin.id, { tools: ["sh", "read"] }),
      await curationTrajectory(project.id, admin.id, { padding: 40 }),
    ];
    const unapproved = await curationTrajectory(project.id, admin.id, { approve: false });
    for (const id of ids) expect((await stored(id)).ruleTokens).toBe((await stored(id)).estimate);
    expect((await stored(unapproved)).ruleTokens).toBeNull();

    // Setting the template: nothing counted under it yet, so the estimate stays; the job's counts
    // then replace it, trajectory by trajectory.
    await setProjectTemplate(project.id, { model: "tiny-bpe", builtin: "chatml" }, { userId: admin.id });
    for (const id of ids) expect((await stored(id)).ruleTokens).toBe((await stored(id)).estimate);
    await runPendingJobs();
    const exact = await Promise.all(ids.map((id) => exactTokenCount(project.id, id, 1)));
    for (const [i, id] of ids.entries()) {
      expect(exact[i]).toMatchObject({ templateId: SPEC });
      expect((await stored(id)).ruleTokens).toBe(exact[i]!.count);
    }
    expect(exact[0]!.count).not.toBe((await stored(ids[0])).estimate);
    expect((await stored(unapproved)).ruleTokens).toBeNull();

    // The board, validation's count and the set agree on the stored count.
    const setId = await makeSet(project.id);
    const board = await listPool(project.id, setId, poolQuery("sort=tokens&dir=asc"));
    expect(new Map(board.rows.map((r) => [r.id, r.tokens]))).toEqual(
      new Map(ids.map((id, i) => [id, exact[i]!.count])),
    );
    await pgPool().query(
      `INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") SELECT $1, unnest($2::text[]), $3`,
      [setId, ids, project.id],
    );
    const { samples } = await loadSetSamples(await findSet(project.id, setId));
    expect(new Map(samples.map((s) => [s.trajectoryId, tokenCountForRule(s.tokens)]))).toEqual(
      new Map(ids.map((id, i) => [id, exact[i]!.count])),
    );

    // Clearing the template puts the estimate back at once; choosing it again finds the counts made.
    await setProjectTemplate(project.id, { model: null }, { userId: admin.id });
    for (const id of ids) expect((await stored(id)).ruleTokens).toBe((await stored(id)).estimate);
    await setProjectTemplate(project.id, { model: "tiny-bpe", builtin: "chatml" }, { userId: admin.id });
    for (const [i, id] of ids.entries()) expect((await stored(id)).ruleTokens).toBe(exact[i]!.count);
  });

  it("follow the tokenizer recount, which rewrites the statistics without a new revision", async () => {
    const project = await makeProject();
    const admin = await makeMember(project.id, "admin");
    const id = await curationTrajectory(project.id, admin.id, { tools: ["sh"], padding: 30 });
    const before = await stored(id);
    expect(before.ruleTokens).toBe(before.estimate);
    const res = await callRoute(tokenizerRoute.PUT, {
      method: "PUT",
      params: { slug: project.slug },
      cookie: await sessionCookie(admin.id),
      body: { tokenizer: "hf:tiny-bpe" },
    });
    expect(res.status).toBe(202);
    await runPendingJobs();
    const after = await stored(id);
    expect(after.estimate).not.toBe(before.estimate);
    expect(after).toMatchObject({ status: "approved", ruleTokens: after.estimate });
  });
});
