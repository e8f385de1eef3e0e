import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { PROJECT_EVENTS_CHANNEL } from "@/lib/live/project-events";
import { reviewRoom } from "@/lib/review/review-room";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { isAppError } from "@/lib/errors/app-error";
import { saveRevision } from "@/lib/trajectory/revisions";
import { heartbeat, nextForMe, releaseClaim } from "@/lib/review/review-queue";
import { submitReview } from "@/lib/review/submit-review";
import { decide, decideBulk } from "@/lib/review/lead-decision";
import { listReviews } from "@/lib/review/list-reviews";
import { approvedRevision, listApprovedRevisions } from "@/lib/review/approved-revision";
import { carryApproval } from "@/lib/review/on-revision";
import { sendToReview } from "@/lib/review/send-to-review";
import { updateReviewSettings } from "@/lib/review/review-settings";
import { DEFAULT_REVIEW_SETTINGS } from "@/lib/review/rubric";
import {
  auditCount,
  importTrajectory,
  reviewProject,
  scores,
  setSettingsRow,
} from "@/lib/review/testing/review-fixtures";

async function state(id: string) {
  const r = await pgPool().query<{ status: string; headNumber: number; approvedNumber: number | null }>(
    `SELECT "status","headNumber","approvedNumber" FROM "Trajectory" WHERE "id"=$1`,
    [id],
  );
  return r.rows[0];
}

async function reviewCount(id: string) {
  return (await pgPool().query(`SELECT 1 FROM "Review" WHERE "trajectoryId"=$1`, [id])).rowCount;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; field?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, field: e.location?.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

async function claimAndSubmit(
  projectId: string,
  userId: string,
  verdict: "accept" | "reject" | "needs_changes",
  s = scores(4),
) {
  const c = await nextForMe(projectId, userId, "review");
  if (!c) throw new Error("nothing to claim");
  return submitReview(
    projectId,
    c.trajectoryId,
    {
      claimId: c.claimId,
      revisionNumber: c.revisionNumber,
      verdict,
      scores: s,
      comment: verdict === "accept" ? "" : "see step 2",
    },
    userId,
  );
}

// Each test makes several users (scrypt) and imports; on a loaded 2-core machine that alone can pass 30 s.
describe("queue claims", { timeout: 120_000 }, () => {
  it("hands an item to exactly one of two reviewers asking at once", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const [a, b] = await Promise.all([
      nextForMe(f.project.id, f.reviewerA.id, "review"),
      nextForMe(f.project.id, f.reviewerB.id, "review"),
    ]);
    expect([a, b].filter(Boolean).map((c) => c!.trajectoryId)).toEqual([id]);
  });

  it("returns an expired claim to the queue, and refuses its heartbeat and its submit", async () => {
    const f = await reviewProject();
    await setSettingsRow(f.project.id, { claimTtlSeconds: 1 });
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const a = await nextForMe(f.project.id, f.reviewerA.id, "review");
    expect(a?.trajectoryId).toBe(id);
    expect(await nextForMe(f.project.id, f.reviewerB.id, "review")).toBeNull();
    await new Promise((r) => setTimeout(r, 1200));
    const b = await nextForMe(f.project.id, f.reviewerB.id, "review");
    expect(b?.trajectoryId).toBe(id);
    expect(await refusal(heartbeat(f.project.id, id, f.reviewerA.id, a!.claimId))).toMatchObject({
      code: "CONFLICT",
      field: "claimId",
    });
    const before = await auditCount(f.project.id);
    const late = await refusal(
      submitReview(
        f.project.id,
        id,
        { claimId: a!.claimId, revisionNumber: 1, verdict: "accept", scores: scores(4), comment: "" },
        f.reviewerA.id,
      ),
    );
    expect(late).toMatchObject({ code: "CONFLICT", field: "claimId" });
    expect(await reviewCount(id)).toBe(0);
    expect(await auditCount(f.project.id)).toBe(before);
  });

  it("keeps a heartbeating claim, gives a held claim back on asking again, and releases on skip", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const a = await nextForMe(f.project.id, f.reviewerA.id, "review");
    expect(
      (await heartbeat(f.project.id, id, f.reviewerA.id, a!.claimId)).claimExpiresAt.getTime(),
    ).toBeGreaterThanOrEqual(a!.claimExpiresAt.getTime());
    expect((await nextForMe(f.project.id, f.reviewerA.id, "review"))?.claimId).toBe(a!.claimId);
    expect(await refusal(heartbeat(f.project.id, id, f.reviewerB.id, a!.claimId))).toMatchObject({
      message: expect.stringMatching(/someone else/),
    });
    await releaseClaim(f.project.id, id, f.reviewerA.id, a!.claimId);
    expect((await nextForMe(f.project.id, f.reviewerB.id, "review"))?.trajectoryId).toBe(id);
  });

  it("announces a claim it made (not one given back) to the review room, naming the item", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    const listener = new pg.Client({ connectionString: inject("databaseUrl") });
    await listener.connect();
    await listener.query(`LISTEN ${PROJECT_EVENTS_CHANNEL}`);
    const got: Array<{ event: string }> = [];
    listener.on("notification", (m) => got.push(JSON.parse(m.payload ?? "{}")));
    await nextForMe(f.project.id, f.reviewerA.id, "review");
    await nextForMe(f.project.id, f.reviewerA.id, "review");
    await new Promise((done) => setTimeout(done, 300));
    await listener.end();
    expect(got.filter((e) => e.event === "review:claimed")).toEqual([
      {
        projectId: f.project.id,
        room: reviewRoom(f.project.id),
        event: "review:claimed",
        data: { trajectoryId: id, queue: "review", claimedById: f.reviewerA.id },
      },
    ]);
  });

  it("never hands a revision to the author of its edits, nor to someone who reviewed it", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.reviewerA.id);
    // Revision 1 (the import) is nobody's: its importer may review it.
    const first = await nextForMe(f.project.id, f.reviewerA.id, "review");
    expect(first?.trajectoryId).toBe(id);
    await releaseClaim(f.project.id, id, f.reviewerA.id, first!.claimId);
    await saveRevision(
      f.project.id,
      id,
      { baseNumber: 1, reason: "trim", ops: [{ op: "delete", key: "s1" }] },
      { id: f.reviewerA.id, name: "A" },
    );
    expect(await nextForMe(f.project.id, f.reviewerA.id, "review")).toBeNull();
    await claimAndSubmit(f.project.id, f.reviewerB.id, "accept");
    expect(await nextForMe(f.project.id, f.reviewerB.id, "review")).toBeNull();
    expect((await nextForMe(f.project.id, f.reviewerC.id, "review"))?.trajectoryId).toBe(id);
  });

  it("orders by assignment, then priority, then age", async () => {
    const f = await reviewProject();
    const old = await importTrajectory(f.project.id, null);
    const urgent = await importTrajectory(f.project.id, null);
    const assigned = await importTrajectory(f.project.id, null);
    await pgPool().query(`UPDATE "ReviewItem" SET "priority"=5 WHERE "trajectoryId"=$1`, [urgent]);
    await pgPool().query(`UPDATE "ReviewItem" SET "assigneeId"=$2 WHERE "trajectoryId"=$1`, [assigned, f.reviewerA.id]);
    expect((await nextForMe(f.project.id, f.reviewerB.id, "review"))?.trajectoryId).toBe(urgent);
    expect((await nextForMe(f.project.id, f.reviewerA.id, "review"))?.trajectoryId).toBe(assigned);
    expect((await nextForMe(f.project.id, f.reviewerC.id, "review"))?.trajectoryId).toBe(old);
  });
});

describe("verdicts and state", { timeout: 120_000 }, () => {
  it("agreeing accepts make it reviewed; a lead approves and the approval pins its revision", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, f.annotator.id);
    expect((await state(id)).status).toBe("in_review");
    expect((await claimAndSubmit(f.project.id, f.reviewerA.id, "accept")).state).toBe("in_review");
    expect((await claimAndSubmit(f.project.id, f.reviewerB.id, "accept", scores(4, { safety: 5 }))).state).toBe(
      "reviewed",
    );
    await decide(f.project.id, id, { decision: "approve", revisionNumber: 1, reason: "good sample" }, f.lead.id);
    expect(await state(id)).toMatchObject({ status: "approved", approvedNumber: 1 });
    expect(await approvedRevision(f.project.id, id)).toMatchObject({ trajectoryId: id, revisionNumber: 1 });

    await saveRevision(
      f.project.id,
      id,
      { baseNumber: 1, reason: "late edit", ops: [{ op: "delete", key: "s2" }] },
      { id: f.annotator.id, name: "An" },
    );
    expect(await state(id)).toMatchObject({ status: "in_review", headNumber: 2, approvedNumber: 1 });
    expect(await approvedRevision(f.project.id, id)).toBeNull();
    const seen = await listReviews(f.project.id, id, { id: f.lead.id, isLead: true });
    expect(seen.rounds.map((r) => ({ n: r.revisionNumber, stale: r.stale, reviews: r.reviews.length }))).toEqual([
      { n: 1, stale: true, reviews: 2 },
    ]);
    const rev1 = await pgPool().query(
      `SELECT "reviewState" FROM "Revision" WHERE "trajectoryId"=$1 ORDER BY "number"`,
      [id],
    );
    expect(rev1.rows.map((r) => r.reviewState)).toEqual(["approved", "in_review"]);
  });

  it("a needs-changes verdict sends it to the edit queue; a new revision brings it back to review", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept");
    expect((await claimAndSubmit(f.project.id, f.reviewerB.id, "needs_changes")).state).toBe("changes_requested");
    const edit = await nextForMe(f.project.id, f.annotator.id, "edit");
    expect(edit?.trajectoryId).toBe(id);
    const comments = await listReviews(f.project.id, id, { id: f.annotator.id, isLead: false });
    expect(comments.rounds[0].reviews.map((r) => r.comment)).toContain("see step 2");
    await saveRevision(
      f.project.id,
      id,
      { baseNumber: 1, reason: "fix", ops: [{ op: "delete", key: "s1" }] },
      { id: f.annotator.id, name: "An" },
    );
    expect(await state(id)).toMatchObject({ status: "in_review", headNumber: 2 });
    expect(await nextForMe(f.project.id, f.annotator.id, "edit")).toBeNull();
  });

  it("disagreement goes to a lead, who adjudicates", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept", scores(5));
    expect((await claimAndSubmit(f.project.id, f.reviewerB.id, "reject", scores(1))).state).toBe("in_review");
    const item = await pgPool().query(`SELECT "queue" FROM "ReviewItem" WHERE "trajectoryId"=$1`, [id]);
    expect(item.rows[0].queue).toBe("adjudication");
    expect(await nextForMe(f.project.id, f.reviewerC.id, "review")).toBeNull();
    await decide(
      f.project.id,
      id,
      { decision: "adjudicate_accept", revisionNumber: 1, reason: "B misread step 2" },
      f.lead.id,
    );
    expect((await state(id)).status).toBe("reviewed");
  });

  it("accepts below the agreement threshold also go to a lead", async () => {
    const f = await reviewProject();
    await importTrajectory(f.project.id, null);
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept", scores(5));
    const r = await claimAndSubmit(f.project.id, f.reviewerB.id, "accept", scores(1));
    expect(r).toMatchObject({ state: "in_review", agreement: 0 });
  });

  it("hides others' verdicts until I submit mine; leads see them", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    await setSettingsRow(f.project.id, { requiredReviews: 3 });
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept");
    const blind = await listReviews(f.project.id, id, { id: f.reviewerB.id, isLead: false });
    expect(blind.rounds[0]).toMatchObject({ reviews: [], hidden: 1, collecting: true });
    expect((await listReviews(f.project.id, id, { id: f.lead.id, isLead: true })).rounds[0].reviews).toHaveLength(1);
    await claimAndSubmit(f.project.id, f.reviewerB.id, "accept");
    expect((await listReviews(f.project.id, id, { id: f.reviewerB.id, isLead: false })).rounds[0].reviews).toHaveLength(
      2,
    );
  });
});

describe("refusals change nothing", { timeout: 120_000 }, () => {
  async function claimed() {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    const c = (await nextForMe(f.project.id, f.reviewerA.id, "review"))!;
    const base = { claimId: c.claimId, revisionNumber: 1, verdict: "accept" as const, scores: scores(4), comment: "" };
    return { f, id, c, base };
  }

  it("refuses an out-of-range score, an unknown criterion, a missing score, naming the field", async () => {
    const { f, id, base } = await claimed();
    const before = await auditCount(f.project.id);
    const submit = (over: object) => refusal(submitReview(f.project.id, id, { ...base, ...over }, f.reviewerA.id));
    expect(await submit({ scores: scores(4, { safety: 6 }) })).toMatchObject({
      code: "VALIDATION",
      field: "scores.safety",
    });
    expect(await submit({ scores: scores(4, { vibes: 3 }) })).toMatchObject({
      code: "VALIDATION",
      field: "scores.vibes",
    });
    const { safety: _s, ...partial } = scores(4);
    expect(await submit({ scores: partial })).toMatchObject({ code: "VALIDATION", field: "scores.safety" });
    expect(await reviewCount(id)).toBe(0);
    expect(await auditCount(f.project.id)).toBe(before);
  });

  it("refuses a revision that does not exist or is not the head, and a claim of someone else", async () => {
    const { f, id, c, base } = await claimed();
    const before = await auditCount(f.project.id);
    expect(await refusal(submitReview(f.project.id, id, { ...base, revisionNumber: 9 }, f.reviewerA.id))).toMatchObject(
      {
        code: "NOT_FOUND",
        field: "revisionNumber",
      },
    );
    expect(await refusal(submitReview(f.project.id, id, base, f.reviewerB.id))).toMatchObject({
      code: "CONFLICT",
      field: "claimId",
    });
    expect(
      await refusal(submitReview(f.project.id, id, { ...base, firstErrorStepKey: "nope" }, f.reviewerA.id)),
    ).toMatchObject({
      field: "firstErrorStepKey",
    });
    expect(await auditCount(f.project.id)).toBe(before);
    // An edit in between makes revision 1 an old one.
    await saveRevision(
      f.project.id,
      id,
      { baseNumber: 1, reason: "edit", ops: [{ op: "delete", key: "s1" }] },
      { id: f.annotator.id, name: "An" },
    );
    const after = await auditCount(f.project.id);
    expect(
      await refusal(submitReview(f.project.id, id, { ...base, claimId: c.claimId }, f.reviewerA.id)),
    ).toMatchObject({
      code: "CONFLICT",
      field: "revisionNumber",
    });
    expect(await reviewCount(id)).toBe(0);
    expect(await auditCount(f.project.id)).toBe(after);
  });

  it("refuses every invalid lead transition and a bulk batch holding one, writing no audit row", async () => {
    const f = await reviewProject();
    const inReview = await importTrajectory(f.project.id, null);
    const before = await auditCount(f.project.id);
    for (const decision of ["approve", "reject", "reopen"] as const)
      expect(
        await refusal(decide(f.project.id, inReview, { decision, revisionNumber: 1, reason: "nope" }, f.lead.id)),
      ).toMatchObject({
        code: "CONFLICT",
      });
    expect(await refusal(sendToReview(f.project.id, { trajectoryIds: [inReview] }, f.annotator.id))).toMatchObject({
      code: "CONFLICT",
      field: "trajectoryIds[0]",
    });
    expect(
      await refusal(
        decide(
          f.project.id,
          inReview,
          { decision: "override_approve", revisionNumber: 2, reason: "stale page" },
          f.lead.id,
        ),
      ),
    ).toMatchObject({
      code: "CONFLICT",
      field: "revisionNumber",
    });
    const bulk = await refusal(
      decideBulk(
        f.project.id,
        { decision: "approve", trajectoryIds: [inReview], reason: "all good", confirmCount: 1 },
        f.lead.id,
      ),
    );
    expect(bulk).toMatchObject({ code: "CONFLICT", field: "trajectoryIds[0]" });
    expect(await auditCount(f.project.id)).toBe(before);
    expect((await state(inReview)).status).toBe("in_review");
  });

  it("refuses a rubric change that would orphan existing scores", async () => {
    const f = await reviewProject();
    await importTrajectory(f.project.id, null);
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept", scores(5));
    const before = await auditCount(f.project.id);
    const without = {
      ...DEFAULT_REVIEW_SETTINGS,
      rubric: DEFAULT_REVIEW_SETTINGS.rubric.filter((c) => c.key !== "safety"),
    };
    expect(await refusal(updateReviewSettings(f.project.id, without, f.lead.id))).toMatchObject({
      code: "VALIDATION",
      field: "rubric",
      message: expect.stringMatching(/safety/),
    });
    const narrowed = {
      ...DEFAULT_REVIEW_SETTINGS,
      rubric: DEFAULT_REVIEW_SETTINGS.rubric.map((c) => ({ ...c, max: 4 })),
    };
    expect(await refusal(updateReviewSettings(f.project.id, narrowed, f.lead.id))).toMatchObject({ field: "rubric" });
    expect(await auditCount(f.project.id)).toBe(before);
    await updateReviewSettings(f.project.id, { ...DEFAULT_REVIEW_SETTINGS, requiredReviews: 3 }, f.lead.id);
    expect(await auditCount(f.project.id)).toBe(before + 1);
  });
});

describe("audit and approval carry", { timeout: 120_000 }, () => {
  it("writes one audit row per committed change, in its transaction", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    const actions = async () =>
      (
        await pgPool().query<{ action: string }>(
          `SELECT "action" FROM "AuditLog" WHERE "targetId"=$1 OR "data"->>'trajectoryId'=$1 ORDER BY "createdAt","action"`,
          [id],
        )
      ).rows.map((r) => r.action);
    await claimAndSubmit(f.project.id, f.reviewerA.id, "accept");
    await claimAndSubmit(f.project.id, f.reviewerB.id, "accept");
    await decideBulk(
      f.project.id,
      { decision: "approve", trajectoryIds: [id], reason: "batch ok", confirmCount: 1 },
      f.lead.id,
    );
    expect(await actions()).toEqual([
      "review.auto_queue",
      "review.submit",
      "review.verdict",
      "review.submit",
      "review.verdicts_agree",
      "review.approve",
    ]);
  });

  it("carries an approval over a lead's redaction revision, audited as approval.carried", async () => {
    const f = await reviewProject();
    const id = await importTrajectory(f.project.id, null);
    await decide(
      f.project.id,
      id,
      { decision: "override_approve", revisionNumber: 1, reason: "lead's call" },
      f.lead.id,
    );
    await withPgTransaction(async (client) => {
      // What the revision save does for a curation redaction: a new head, then carry instead of revise.
      await client.query(`UPDATE "Trajectory" SET "headNumber"=2 WHERE "id"=$1`, [id]);
      await client.query(
        `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","authorId","reason","ops","stepIds")
         SELECT gen_random_uuid()::text,"projectId","trajectoryId",2,$2,'redact','[]',"stepIds" FROM "Revision" WHERE "trajectoryId"=$1 AND "number"=1`,
        [id, f.lead.id],
      );
      await carryApproval(client, {
        projectId: f.project.id,
        trajectoryId: id,
        actorId: f.lead.id,
        isLead: true,
        ops: [{ purpose: "redaction" }],
      });
    });
    expect(await state(id)).toMatchObject({ status: "approved", approvedNumber: 2 });
    expect((await listApprovedRevisions(f.project.id)).map((r) => r.revisionNumber)).toEqual([2]);
    const carried = await pgPool().query(
      `SELECT 1 FROM "AuditLog" WHERE "targetId"=$1 AND "action"='approval.carried'`,
      [id],
    );
    expect(carried.rowCount).toBe(1);
    const refused = await refusal(
      withPgTransaction((client) =>
        carryApproval(client, {
          projectId: f.project.id,
          trajectoryId: id,
          actorId: f.lead.id,
          isLead: true,
          ops: [{ purpose: "rewrite" }],
        }),
      ),
    );
    expect(refused).toMatchObject({ code: "VALIDATION", field: "ops" });
    expect(
      await refusal(
        withPgTransaction((client) =>
          carryApproval(client, {
            projectId: f.project.id,
            trajectoryId: id,
            actorId: f.annotator.id,
            isLead: false,
            ops: [{ purpose: "redaction" }],
          }),
        ),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
  });
});
