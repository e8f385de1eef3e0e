/** The disagreement list: trajectories waiting for a lead's adjudication, with their reviews side by side. */
import { pgPool } from "@/lib/db/pg-pool";
import { scoreAgreement } from "@/lib/review/agreement";
import { getReviewSettings } from "@/lib/review/review-settings";

export async function listDisagreements(projectId: string) {
  const pool = pgPool();
  const [items, settings] = await Promise.all([
    pool.query<{ trajectoryId: string; title: string; revisionNumber: number; enqueuedAt: Date }>(
      `SELECT i."trajectoryId", t."title", i."revisionNumber", i."enqueuedAt" FROM "ReviewItem" i JOIN "Trajectory" t ON t."id"=i."trajectoryId"
        WHERE i."projectId"=$1 AND i."queue"='adjudication' AND t."deletedAt" IS NULL ORDER BY i."enqueuedAt" LIMIT 200`,
      [projectId],
    ),
    getReviewSettings(projectId),
  ]);
  const reviews = await pool.query<{
    trajectoryId: string;
    revisionNumber: number;
    reviewer: string;
    verdict: string;
    scores: Record<string, number>;
    firstErrorStepKey: string | null;
    comment: string;
  }>(
    `SELECT r."trajectoryId", r."revisionNumber", u."name" AS reviewer, r."verdict", r."scores", r."firstErrorStepKey", r."comment"
       FROM "Review" r JOIN "User" u ON u."id"=r."reviewerId" WHERE r."projectId"=$1 AND r."trajectoryId" = ANY($2) ORDER BY r."createdAt"`,
    [projectId, items.rows.map((i) => i.trajectoryId)],
  );
  return items.rows.map((i) => {
    const own = reviews.rows.filter((r) => r.trajectoryId === i.trajectoryId && r.revisionNumber === i.revisionNumber);
    return {
      ...i,
      verdicts: own.map((r) => r.verdict),
      agreement: scoreAgreement(
        own.map((r) => r.scores),
        settings.rubric,
      ),
      reviews: own,
    };
  });
}
