/**
 * A deleted trajectory (lib/trajectory/delete-trajectory) leaves the review queues without losing
 * its place: its ReviewItem row stays, so an undo within the window puts it back exactly where it
 * was (queue, priority, assignee), but every reader of the queues skips it (`LIVE_ITEM`) and the
 * delete drops any claim on it (`leaveReviewQueues`, in the delete's transaction), so nobody is
 * handed it or keeps working on it. Only lib/review writes ReviewItem rows.
 */
import type { Tx } from "@/lib/db/client";

/**
 * SQL: the ReviewItem aliased `i` belongs to a trajectory that is not deleted. Naming the project
 * lets the check read only the project's deleted trajectories (index projectId, deletedAt) instead
 * of walking that index for every project's.
 */
export const LIVE_ITEM = `AND NOT EXISTS (SELECT 1 FROM "Trajectory" d
    WHERE d."projectId"=i."projectId" AND d."id"=i."trajectoryId" AND d."deletedAt" IS NOT NULL)`;

/** Drops the live claim on a trajectory being deleted; returns the queue it was in, if any. */
export async function leaveReviewQueues(tx: Tx, projectId: string, trajectoryId: string): Promise<string | null> {
  const item = await tx.reviewItem.findFirst({ where: { trajectoryId, projectId }, select: { queue: true } });
  if (!item) return null;
  await tx.reviewItem.updateMany({
    where: { trajectoryId, projectId },
    data: { claimId: null, claimedById: null, claimExpiresAt: null },
  });
  return item.queue;
}
