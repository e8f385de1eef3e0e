/**
 * The demo's review history, made through lib/review's own functions (claims, verdicts, a lead's
 * approval) so every state, audit row and pinned revision is what the app itself would write:
 * three trajectories approved by a lead after two agreeing reviews, one with a single review
 * still waiting for its second, and one nobody has looked at. Curation and export then have an
 * approved pool to work with on a fresh demo.
 */
import { db } from "@/lib/db/client";
import { decide } from "@/lib/review/lead-decision";
import { nextForMe } from "@/lib/review/review-queue";
import { sendToReview } from "@/lib/review/send-to-review";
import { submitReview } from "@/lib/review/submit-review";
import { DEFAULT_RUBRIC } from "@/lib/review/rubric";

const APPROVED = 3;

/** Scores around `base` that differ a little per criterion and reviewer, within the 1–5 scale. */
function scores(base: number, shift: number): Record<string, number> {
  return Object.fromEntries(
    DEFAULT_RUBRIC.map((c, i) => [c.key, Math.min(c.max, Math.max(c.min, base + (((i + shift) % 3) - 1)))]),
  );
}

async function claimAndAccept(projectId: string, userId: string, base: number, shift: number): Promise<string> {
  const claim = await nextForMe(projectId, userId, "review");
  if (!claim) throw new Error("the demo's review queue ran dry");
  await submitReview(
    projectId,
    claim.trajectoryId,
    {
      claimId: claim.claimId,
      revisionNumber: claim.revisionNumber,
      verdict: "accept",
      scores: scores(base, shift),
      comment: "",
    },
    userId,
  );
  return claim.trajectoryId;
}

export async function seedDemoReviews(
  projectId: string,
  users: { reviewerId: string; adminId: string; leadId: string },
) {
  const ids = (
    await db().trajectory.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: { id: true } })
  ).map((t) => t.id);
  // One at a time, so the queue's age order is the demo's order (the abandoned one comes last).
  for (const id of ids) await sendToReview(projectId, { trajectoryIds: [id] }, users.leadId);
  // The queue hands out the oldest first: the reviewer takes four, the admin the first three.
  for (let i = 0; i < APPROVED + 1; i++) await claimAndAccept(projectId, users.reviewerId, 4, i);
  const reviewedTwice: string[] = [];
  for (let i = 0; i < APPROVED; i++) reviewedTwice.push(await claimAndAccept(projectId, users.adminId, 4, i));
  for (const id of reviewedTwice)
    await decide(
      projectId,
      id,
      { decision: "approve", revisionNumber: 1, reason: "demo: two agreeing reviews" },
      users.leadId,
    );
}
