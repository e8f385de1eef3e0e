/**
 * Every review of a project as JSON lines (verdict, scores, first-error step, revision, reviewer,
 * time), read in pages by id so memory stays flat whatever the number of reviews.
 */
import { pgPool } from "@/lib/db/pg-pool";

const PAGE = 1000;

export async function* exportReviews(projectId: string): AsyncGenerator<string> {
  let after = "";
  for (;;) {
    const r = await pgPool().query<{
      id: string;
      trajectoryId: string;
      title: string;
      revisionNumber: number;
      headNumber: number;
      reviewerEmail: string;
      reviewerName: string;
      verdict: string;
      scores: Record<string, number>;
      firstErrorStepKey: string | null;
      firstErrorIndex: number | null;
      comment: string;
      createdAt: Date;
    }>(
      `SELECT r."id", r."trajectoryId", t."title", r."revisionNumber", t."headNumber", u."email" AS "reviewerEmail", u."name" AS "reviewerName",
              r."verdict", r."scores", r."firstErrorStepKey", r."firstErrorIndex", r."comment", r."createdAt"
         FROM "Review" r JOIN "Trajectory" t ON t."id"=r."trajectoryId" JOIN "User" u ON u."id"=r."reviewerId"
        WHERE r."projectId"=$1 AND r."id" > $2 ORDER BY r."id" LIMIT $3`,
      [projectId, after, PAGE],
    );
    for (const row of r.rows)
      yield (
        JSON.stringify({
          review: row.id,
          trajectory: row.trajectoryId,
          title: row.title,
          revision: row.revisionNumber,
          stale: row.revisionNumber < row.headNumber,
          reviewer: { email: row.reviewerEmail, name: row.reviewerName },
          verdict: row.verdict,
          scores: row.scores,
          firstErrorStep:
            row.firstErrorStepKey === null ? null : { key: row.firstErrorStepKey, index: row.firstErrorIndex },
          comment: row.comment,
          createdAt: row.createdAt.toISOString(),
        }) + "\n"
      );
    if (r.rows.length < PAGE) return;
    after = r.rows[r.rows.length - 1].id;
  }
}
