/**
 * A trajectory's reviews as a person may see them: every revision's reviews, stale ones marked
 * ("as of revision N"), others' verdicts of a revision still collecting hidden until I submit mine
 * (a count is shown instead), and the agreement of each revision's reviews.
 */
import { AppError } from "@/lib/errors/app-error";
import { pgPool } from "@/lib/db/pg-pool";
import { scoreAgreement } from "@/lib/review/agreement";
import { maySeeOthersReviews } from "@/lib/review/review-policy";
import { getReviewSettings } from "@/lib/review/review-settings";

interface Row {
  id: string;
  revisionNumber: number;
  reviewerId: string;
  reviewer: string;
  verdict: "accept" | "reject" | "needs_changes";
  scores: Record<string, number>;
  firstErrorStepKey: string | null;
  firstErrorIndex: number | null;
  comment: string;
  createdAt: Date;
}

export async function listReviews(projectId: string, trajectoryId: string, viewer: { id: string; isLead: boolean }) {
  const pool = pgPool();
  const t = await pool.query<{ status: string; headNumber: number; approvedNumber: number | null }>(
    `SELECT "status","headNumber","approvedNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2`,
    [trajectoryId, projectId],
  );
  const head = t.rows[0];
  if (!head) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  const [rows, item, settings] = await Promise.all([
    pool.query<Row>(
      `SELECT r."id",r."revisionNumber",r."reviewerId",u."name" AS "reviewer",r."verdict",r."scores",r."firstErrorStepKey",
              r."firstErrorIndex",r."comment",r."createdAt"
         FROM "Review" r JOIN "User" u ON u."id"=r."reviewerId"
        WHERE r."trajectoryId"=$1 AND r."projectId"=$2 ORDER BY r."revisionNumber" DESC, r."createdAt"`,
      [trajectoryId, projectId],
    ),
    pool.query<{ queue: string; claimedById: string | null; claimExpiresAt: Date | null; claimId: string | null }>(
      `SELECT "queue","claimedById","claimExpiresAt","claimId" FROM "ReviewItem" WHERE "trajectoryId"=$1`,
      [trajectoryId],
    ),
    getReviewSettings(projectId),
  ]);
  const revisions = [...new Set(rows.rows.map((r) => r.revisionNumber))];
  const rounds = revisions.map((number) => {
    const all = rows.rows.filter((r) => r.revisionNumber === number);
    const collecting = number === head.headNumber && head.status === "in_review";
    const submittedOwn = all.some((r) => r.reviewerId === viewer.id);
    const visible = maySeeOthersReviews({ viewerId: viewer.id, isLead: viewer.isLead, submittedOwn, collecting })
      ? all
      : all.filter((r) => r.reviewerId === viewer.id);
    return {
      revisionNumber: number,
      stale: number < head.headNumber,
      collecting,
      reviews: visible,
      hidden: all.length - visible.length,
      agreement:
        visible.length === all.length
          ? scoreAgreement(
              all.map((r) => r.scores),
              settings.rubric,
            )
          : null,
    };
  });
  const claim = item.rows[0];
  return {
    state: head.status,
    headNumber: head.headNumber,
    approvedNumber: head.approvedNumber,
    queue: claim?.queue ?? null,
    myClaim:
      claim && claim.claimedById === viewer.id && claim.claimExpiresAt && claim.claimExpiresAt > new Date()
        ? { claimId: claim.claimId, claimExpiresAt: claim.claimExpiresAt }
        : null,
    rubric: settings.rubric,
    requiredReviews: settings.requiredReviews,
    rounds,
  };
}
