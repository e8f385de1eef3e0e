/**
 * Submitting a verdict. In one transaction: the trajectory row is locked, the revision must be the
 * head, the claim must be mine and live (completion is conditional on it), the policy must allow me
 * this revision, the scores must fit the rubric; then the review is written with its audit row and,
 * when the required number is in, the outcome moves the state (agree → reviewed, any needs-changes →
 * changes requested, otherwise → a lead adjudicates). Anything wrong changes nothing.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { auditRowSql } from "@/lib/audit/record-audit-sql";
import { scoreAgreement } from "@/lib/review/agreement";
import { requireClaim, reviewRefusal } from "@/lib/review/review-policy";
import { claimRefusalError } from "@/lib/review/review-queue";
import { lockHeadWithSettings, transition } from "@/lib/review/review-state";
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

interface Facts {
  /** The trajectory's queue item (null fields when it has none). */
  queue: string | null;
  claimId: string | null;
  claimedById: string | null;
  claimExpiresAt: Date | null;
  now: Date;
  /** Authors of the head's edits (revisions 2..head), who may not review it. */
  authors: string[];
  /** The reviews of the head so far. */
  reviews: Array<{ reviewerId: string; verdict: string; scores: Record<string, number> }>;
  /** Position of the first-error step in the head (null when none was named or it is not there). */
  firstErrorIndex: number | null;
}

/**
 * Everything the checks and the outcome need, in one statement. It runs after the trajectory row is
 * locked (a separate statement): under READ COMMITTED a statement reads as of its start, so reads
 * made in the locking statement itself could miss a change committed while it waited for the lock.
 */
const FACTS = `SELECT i."queue", i."claimId", i."claimedById", i."claimExpiresAt", now() AS "now",
    ARRAY(SELECT DISTINCT "authorId" FROM "Revision"
           WHERE "trajectoryId"=$1 AND "number" BETWEEN 2 AND $2 AND "authorId" IS NOT NULL) AS "authors",
    COALESCE((SELECT json_agg(json_build_object('reviewerId', r."reviewerId", 'verdict', r."verdict", 'scores', r."scores"))
                FROM "Review" r WHERE r."trajectoryId"=$1 AND r."revisionNumber"=$2), '[]') AS "reviews",
    (SELECT (u.i - 1)::int FROM "Revision" v, unnest(v."stepIds") WITH ORDINALITY u(id, i)
       JOIN "Step" s ON s."id" = u.id
      WHERE $3::text IS NOT NULL AND v."trajectoryId"=$1 AND v."number"=$2 AND s."key"=$3 LIMIT 1) AS "firstErrorIndex"
  FROM (SELECT 1) one LEFT JOIN "ReviewItem" i ON i."trajectoryId"=$1`;

/**
 * The completion, conditional on the claim (mine, live, in the review queue), with the review and
 * its audit row written only when it holds; one statement.
 */
function completeSql(audit: string) {
  return `WITH done AS (
      UPDATE "ReviewItem" SET "claimId"=NULL,"claimedById"=NULL,"claimExpiresAt"=NULL
       WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "queue"='review' AND "claimId"=$3 AND "claimedById"=$4
         AND "claimExpiresAt" > now()
      RETURNING 1
    ), review AS (
      INSERT INTO "Review" ("id","projectId","trajectoryId","revisionNumber","reviewerId","verdict","scores","firstErrorStepKey","firstErrorIndex","comment")
      SELECT $5::text,$2::text,$1::text,$6::int,$4::text,$7::"ReviewVerdict",$8::jsonb,$9::text,$10::int,$11::text FROM done
    ), audit AS (${audit})
    SELECT count(*)::int AS "completed" FROM done`;
}

/** The state event once this verdict is in (pure: the reviews so far plus this one). */
function outcome(
  reviews: ReadonlyArray<{ verdict: string; scores: Record<string, number> }>,
  settings: ReviewSettings,
): { event: ReviewEvent; agreement: number | null; count: number } {
  const count = reviews.length;
  const agreement = scoreAgreement(
    reviews.map((x) => x.scores),
    settings.rubric,
  );
  if (count < settings.requiredReviews) return { event: "verdict", agreement, count };
  if (reviews.some((x) => x.verdict === "needs_changes")) return { event: "verdicts_need_changes", agreement, count };
  const allAccept = reviews.every((x) => x.verdict === "accept");
  if (allAccept && (agreement === null || agreement >= settings.agreementThreshold))
    return { event: "verdicts_agree", agreement, count };
  return { event: "verdicts_disagree", agreement, count };
}

/**
 * Four statements in the transaction: lock the head (with the settings), read the facts, complete
 * the claim with the review and its audit row, apply the state transition.
 */
export async function submitReview(projectId: string, trajectoryId: string, input: SubmitReviewInput, userId: string) {
  return withPgTransaction(async (client) => {
    const { settings, ...head } = await lockHeadWithSettings(client, projectId, trajectoryId);
    checkScores(input.scores, settings.rubric);
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
    const facts = (await client.query<Facts>(FACTS, [trajectoryId, head.headNumber, input.firstErrorStepKey ?? null]))
      .rows[0];
    if (facts.queue !== "review")
      throw new AppError(
        "CONFLICT",
        `this trajectory is not waiting for reviews (it is ${head.status.replace("_", " ")})`,
      );
    requireClaim({ userId, ...facts, presentedClaimId: input.claimId, now: facts.now });
    const why = reviewRefusal({
      userId,
      revisionAuthors: facts.authors,
      reviewedThisRevision: facts.reviews.some((r) => r.reviewerId === userId),
    });
    if (why) throw new AppError("FORBIDDEN", why);
    if (input.firstErrorStepKey && facts.firstErrorIndex === null)
      throw new AppError("VALIDATION", `step ${input.firstErrorStepKey} is not in revision ${head.headNumber}`, {
        location: { field: "firstErrorStepKey" },
      });
    const reviewId = randomUUID();
    const params: unknown[] = [
      trajectoryId,
      projectId,
      input.claimId,
      userId,
      reviewId,
      head.headNumber,
      input.verdict,
      JSON.stringify(input.scores),
      input.firstErrorStepKey ?? null,
      input.firstErrorStepKey ? facts.firstErrorIndex : null,
      input.comment,
    ];
    const audit = auditRowSql(
      {
        projectId,
        actorId: userId,
        action: "review.submit",
        targetType: "Review",
        targetId: reviewId,
        data: { trajectoryId, revision: head.headNumber, verdict: input.verdict },
      },
      params.length + 1,
      "EXISTS (SELECT 1 FROM done)",
    );
    const done = await client.query<{ completed: number }>(completeSql(audit.sql), [...params, ...audit.params]);
    // The claim lapsed or changed hands since the facts were read: nothing was written.
    if (!done.rows[0].completed) throw await claimRefusalError(client, projectId, trajectoryId, userId, input.claimId);
    const o = outcome([...facts.reviews, { verdict: input.verdict, scores: input.scores }], settings);
    // The transition puts the item back for the next reviewer (or moves it on).
    const state = await transition(
      client,
      {
        projectId,
        trajectoryId,
        event: o.event,
        who: "reviewer",
        actorId: userId,
        data: { reviews: o.count, agreement: o.agreement },
      },
      head,
    );
    return { reviewId, revisionNumber: head.headNumber, state, agreement: o.agreement, reviews: o.count };
  });
}
