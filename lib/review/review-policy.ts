/**
 * Review rules that depend on the object, not only on the role (the role table in
 * lib/auth/permissions.ts decides the action; these decide "this revision", "this claim", "these
 * verdicts"). Pure, so its own matrix test (review-policy.test.ts) walks every case; the services
 * in lib/review ask it with facts they read in their transaction.
 */
import { AppError } from "@/lib/errors/app-error";

export interface ReviewerFacts {
  userId: string;
  /** Authors of the head's edits: revision 2 on (the import, revision 1, is nobody's). */
  revisionAuthors: readonly string[];
  /** Has already submitted a review of this revision. */
  reviewedThisRevision: boolean;
}

/** Why this person may not review this revision, or null when they may. */
export function reviewRefusal(f: ReviewerFacts): string | null {
  if (f.revisionAuthors.includes(f.userId)) return "you made edits in this revision, so someone else must review it";
  if (f.reviewedThisRevision) return "you have already reviewed this revision";
  return null;
}

export interface ClaimFacts {
  userId: string;
  claimedById: string | null;
  claimId: string | null;
  claimExpiresAt: Date | null;
  /** The claim id the caller presents. */
  presentedClaimId: string;
  now: Date;
}

/** Why this claim cannot be used by this person (heartbeat, submit, release), or null. */
export function claimRefusal(f: ClaimFacts): string | null {
  if (!f.claimId || f.claimId !== f.presentedClaimId)
    return "this claim is no longer held (it expired or was released)";
  if (f.claimedById !== f.userId) return "this claim belongs to someone else";
  if (!f.claimExpiresAt || f.claimExpiresAt <= f.now) return "this claim expired; ask for the next item again";
  return null;
}

export function requireClaim(f: ClaimFacts): void {
  const why = claimRefusal(f);
  if (why) throw new AppError("CONFLICT", why, { location: { field: "claimId" } });
}

export interface VisibilityFacts {
  viewerId: string;
  /** review.approve: leads and admins adjudicate, so they see every verdict. */
  isLead: boolean;
  /** The viewer has submitted a review of this revision. */
  submittedOwn: boolean;
  /** Verdicts of this revision are still being collected (head revision, in review). */
  collecting: boolean;
}

/**
 * Blind review: while a revision's verdicts are collected, a person sees only their own review
 * (and review labels) of it until they submit; leads see all. Once the round is closed (or the
 * revision is an old one), verdicts are visible to every member, so annotators can read the
 * reviewers' comments in the edit queue.
 */
export function maySeeOthersReviews(f: VisibilityFacts): boolean {
  return f.isLead || f.submittedOwn || !f.collecting;
}
