/** The review routes as the browser calls them, and the response types derived from the server functions. */
import type { JsonOf } from "@/lib/http/json-of";
import type { listReviews } from "@/lib/review/list-reviews";
import type { listQueue, reviewerProgress } from "@/lib/review/queue-list";
import type { listDisagreements } from "@/lib/review/disagreements";
import type { reviewDashboard } from "@/lib/review/review-dashboard";
import type { Claim } from "@/lib/review/review-queue";
import type { ReviewSettings } from "@/lib/review/rubric";

export type ReviewsResponse = JsonOf<Awaited<ReturnType<typeof listReviews>>>;
export type QueueResponse = JsonOf<Awaited<ReturnType<typeof listQueue>>>;
export type ProgressResponse = { people: JsonOf<Awaited<ReturnType<typeof reviewerProgress>>> };
export type DisagreementsResponse = { items: JsonOf<Awaited<ReturnType<typeof listDisagreements>>> };
export type DashboardResponse = JsonOf<Awaited<ReturnType<typeof reviewDashboard>>>;
export type ClaimResponse = { claim: (Omit<Claim, "claimExpiresAt"> & { claimExpiresAt: string }) | null };
export type { ReviewSettings };

export function reviewApi(slug: string) {
  const p = `/api/projects/${encodeURIComponent(slug)}`;
  return {
    settings: `${p}/review/settings`,
    send: `${p}/review/send`,
    next: `${p}/review/next`,
    editsNext: `${p}/review/edits/next`,
    claim: (trajectoryId: string, claimId: string) =>
      `${p}/review/claims/${encodeURIComponent(trajectoryId)}?claimId=${encodeURIComponent(claimId)}`,
    queue: (queue: string, page = 1) => `${p}/review/queue?queue=${queue}&page=${page}`,
    progress: `${p}/review/progress`,
    assign: `${p}/review/assign`,
    disagreements: `${p}/review/disagreements`,
    dashboard: `${p}/review/dashboard`,
    decisions: `${p}/review/decisions`,
    reviews: (trajectoryId: string) => `${p}/trajectories/${encodeURIComponent(trajectoryId)}/reviews`,
    decision: (trajectoryId: string) => `${p}/trajectories/${encodeURIComponent(trajectoryId)}/decision`,
  };
}

/** Where a claim opens: the viewer with the review form. */
export const reviewUrl = (slug: string, trajectoryId: string) =>
  `/projects/${encodeURIComponent(slug)}/trajectories/${encodeURIComponent(trajectoryId)}?review=1`;
