/**
 * Submitting a verdict. In one transaction: the trajectory row is locked, the revision must be the
 * head, the claim must be mine and live (completion is conditional on it), the policy must allow me
 * this revision, the scores must fit the rubric; then the review is written with its audit row and,
 * when the required number is in, the outcome moves the state (agree → reviewed, any needs-changes →
 * changes requested, otherwise → a lead adjudicates). Anything wrong changes nothing.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAuditSql } from "@/lib/audit/record-audit-sql";
import { scoreAgreement } from "@/lib/review/agreement";
import { requireClaim, reviewRefusal } from "@/lib/review/review-policy";
import { getReviewSettings } from "@/lib/review/review-settings";
import { editAuthors, lockHead, transition } from "@/lib/review/review-state";
import { VERDICTS, type Criterion, type ReviewSettings } from "@/lib/review/rubric";
import type { ReviewEvent } from "@/lib/review/state-machine";

export const SubmitReviewSchema = z
  .object({
    claimId: z.string().min(1).max(64),
    revisionNumber: z.number().int().min(1),
    verdict: z.enum(VERDICTS),
    scores: z.record(z.string().max(40), z.number()),
    firstErrorStepKey: z.string().min(1).max(64).nullable().optional(),
    comment: z.string().trim().max(10_000).default(""),
  })
  .refine((r) => r.verdict === "accept" || r.comment.length > 0, {
    message: "a summary comment is required for reject and needs changes",
    path: ["comment"],
  });
export type SubmitReviewInput = z.infer<typeof SubmitReviewSchema>;

function checkScores(scores: Record<string, number>, rubric: Criterion[]) {
  for (const [key, value] of Object.entries(scores)) {
    const c = rubric.find((x) => x.key === key);
    if (!c)
      throw new AppError(
        "VALIDATION",
        `unknown criterion "${key}" (the rubric has ${rubric.map((x) => x.key).join(", ")})`,
        {
          location: { field: `scores.${key}` },
        },
      );
    if (!Number.isInteger(value) || value < c.min || value > c.max)
      throw new AppError("VALIDATION", `${c.label}: ${value} is out of range (${c.min}–${c.max})`, {
        location: { field: `scores.${key}` },
      });
  }
  const missing = rubric.find((c) => scores[c.key] === undefined);
  if (missing)
    throw new AppError("VALIDATION", `score ${missing.label} (${missing.key}) is missing`, {
      location: { field: `scores.${missing.key}` },
    });
}

async function stepIndex(client: pg.PoolClient, trajectoryId: string, number: number, key: string): Promise<number> {
  const r = await client.query<{ idx: number }>(
    `SELECT (u.i - 1)::int AS idx FROM "Revision" r, unnest(r."stepIds") WITH ORDINALITY u(id, i)
       JOIN "Step" s ON s."id" = u.id WHERE r."trajectoryId"=$1 AND r."number"=$2 AND s."key"=$3`,
    [trajectoryId, number, key],
  );
  if (!r.rows[0])
    throw new AppError("VALIDATION", `step ${key} is not in revision ${number}`, {
      location: { field: "firstErrorStepKey" },
    });
  return r.rows[0].idx;
}

async function outcome(
  client: pg.PoolClient,
  trajectoryId: string,
  number: number,
  settings: ReviewSettings,
): Promise<{ event: ReviewEvent; agreement: number | null; count: number }> {
  const r = await client.query<{ verdict: string; scores: Record<string, number> }>(
    `SELECT "verdict","scores" FROM "Review" WHERE "trajectoryId"=$1 AND "revisionNumber"=$2`,
    [trajectoryId, number],
  );
  const count = r.rows.length;
  const agreement = scoreAgreement(
    r.rows.map((x) => x.scores),
    settings.rubric,
  );
  if (count < settings.requiredReviews) return { event: "verdict", agreement, count };
  if (r.rows.some((x) => x.verdict === "needs_changes")) return { event: "verdicts_need_changes", agreement, count };
  const allAccept = r.rows.every((x) => x.verdict === "accept");
  if (allAccept && (agreement === null || agreement >= settings.agreementThreshold))
    return { event: "verdicts_agree", agreement, count };
  return { event: "verdicts_disagree", agreement, count };
}

export async function submitReview(projectId: string, trajectoryId: string, input: SubmitReviewInput, userId: string) {
  const settings = await getReviewSettings(projectId);
  checkScores(input.scores, settings.rubric);
  return withPgTransaction(async (client) => {
    const head = await lockHead(client, projectId, trajectoryId);
    if (input.revisionNumber > head.headNumber)
      throw new AppError(
        "NOT_FOUND",
        `revision ${input.revisionNumber} does not exist (the head is ${head.headNumber})`,
        {
          location: { field: "revisionNumber" },
        },
      );
    if (input.revisionNumber !== head.headNumber)
      throw new AppError(
        "CONFLICT",
        `revision ${input.revisionNumber} is not the head (revision ${head.headNumber}); review the head`,
        { location: { field: "revisionNumber" } },
      );
    const item = (
      await client.query<{
        queue: string;
        claimId: string | null;
        claimedById: string | null;
        claimExpiresAt: Date | null;
      }>(
        `SELECT "queue","claimId","claimedById","claimExpiresAt" FROM "ReviewItem" WHERE "trajectoryId"=$1 FOR UPDATE`,
        [trajectoryId],
      )
    ).rows[0];
    if (!item || item.queue !== "review")
      throw new AppError(
        "CONFLICT",
        `this trajectory is not waiting for reviews (it is ${head.status.replace("_", " ")})`,
      );
    const now = (await client.query<{ now: Date }>("SELECT now()")).rows[0].now;
    requireClaim({ userId, ...item, presentedClaimId: input.claimId, now });
    const already = await client.query(
      `SELECT 1 FROM "Review" WHERE "trajectoryId"=$1 AND "revisionNumber"=$2 AND "reviewerId"=$3`,
      [trajectoryId, head.headNumber, userId],
    );
    const why = reviewRefusal({
      userId,
      revisionAuthors: await editAuthors(client, trajectoryId, head.headNumber),
      reviewedThisRevision: (already.rowCount ?? 0) > 0,
    });
    if (why) throw new AppError("FORBIDDEN", why);
    const firstErrorIndex = input.firstErrorStepKey
      ? await stepIndex(client, trajectoryId, head.headNumber, input.firstErrorStepKey)
      : null;
    const reviewId = randomUUID();
    await client.query(
      `INSERT INTO "Review" ("id","projectId","trajectoryId","revisionNumber","reviewerId","verdict","scores","firstErrorStepKey","firstErrorIndex","comment")
       VALUES ($1,$2,$3,$4,$5,$6::"ReviewVerdict",$7,$8,$9,$10)`,
      [
        reviewId,
        projectId,
        trajectoryId,
        head.headNumber,
        userId,
        input.verdict,
        JSON.stringify(input.scores),
        input.firstErrorStepKey ?? null,
        firstErrorIndex,
        input.comment,
      ],
    );
    await recordAuditSql(client, {
      projectId,
      actorId: userId,
      action: "review.submit",
      targetType: "Review",
      targetId: reviewId,
      data: { trajectoryId, revision: head.headNumber, verdict: input.verdict },
    });
    const o = await outcome(client, trajectoryId, head.headNumber, settings);
    // The transition puts the item back for the next reviewer (or moves it on), which clears my claim.
    const state = await transition(client, {
      projectId,
      trajectoryId,
      event: o.event,
      who: "reviewer",
      actorId: userId,
      data: { reviews: o.count, agreement: o.agreement },
    });
    return { reviewId, revisionNumber: head.headNumber, state, agreement: o.agreement, reviews: o.count };
  });
}
