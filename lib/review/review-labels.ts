/**
 * Labels made inside a review belong to it: an annotation made by someone holding a live review
 * claim on the trajectory is tagged with the revision under review, and stays hidden from the other
 * reviewers of that revision until they submit their own review (the blind rule of review-policy).
 */
import { pgPool } from "@/lib/db/pg-pool";
import { maySeeOthersReviews } from "@/lib/review/review-policy";

/** The revision an annotation by this person belongs to, when they are reviewing it now. */
export async function reviewRevisionFor(
  projectId: string,
  trajectoryId: string,
  userId: string,
): Promise<number | null> {
  const r = await pgPool().query<{ revisionNumber: number }>(
    `SELECT "revisionNumber" FROM "ReviewItem" WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "queue"='review'
       AND "claimedById"=$3 AND "claimExpiresAt" > now()`,
    [trajectoryId, projectId, userId],
  );
  return r.rows[0]?.revisionNumber ?? null;
}

/** Which review labels this viewer may see: a predicate over (author, reviewRevision). */
export async function reviewLabelVisibility(
  projectId: string,
  trajectoryId: string,
  viewer: { id: string; isLead: boolean },
): Promise<(a: { authorId: string | null; reviewRevision: number | null }) => boolean> {
  if (viewer.isLead) return () => true;
  const pool = pgPool();
  const [t, mine] = await Promise.all([
    pool.query<{ status: string; headNumber: number }>(
      `SELECT "status","headNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2`,
      [trajectoryId, projectId],
    ),
    pool.query<{ revisionNumber: number }>(
      `SELECT "revisionNumber" FROM "Review" WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "reviewerId"=$3`,
      [trajectoryId, projectId, viewer.id],
    ),
  ]);
  const head = t.rows[0];
  const submitted = new Set(mine.rows.map((r) => r.revisionNumber));
  return (a) =>
    a.reviewRevision === null ||
    a.authorId === viewer.id ||
    maySeeOthersReviews({
      viewerId: viewer.id,
      isLead: false,
      submittedOwn: submitted.has(a.reviewRevision),
      collecting: !!head && a.reviewRevision === head.headNumber && head.status === "in_review",
    });
}
