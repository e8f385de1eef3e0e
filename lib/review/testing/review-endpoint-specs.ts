/**
 * The review routes' rows of the authorization matrix (spread into ENDPOINT_SPECS). Routes that act
 * on the caller's own claim cannot know the caller here, so their request names a claim nobody
 * holds: allowed roles get the policy's 409, refused ones the role table's 403 (the claim rules
 * themselves are tested in review-flow and review-routes integration tests).
 */
import type { EndpointSpec, SpecContext } from "@/lib/auth/testing/endpoint-specs";
import { decide } from "@/lib/review/lead-decision";
import { importTrajectory, scores } from "@/lib/review/testing/review-fixtures";
import { DEFAULT_REVIEW_SETTINGS } from "@/lib/review/rubric";

/** A new trajectory (queued for review on import), moved on by the admin's decision when asked. */
async function trajectoryIn(ctx: SpecContext, via?: "adjudicate_accept" | "adjudicate_changes"): Promise<string> {
  const id = await importTrajectory(ctx.project.id, ctx.adminId);
  if (via) await decide(ctx.project.id, id, { decision: via, revisionNumber: 1, reason: "matrix set-up" }, ctx.adminId);
  return id;
}

/** One queued trajectory per project for the requests that do not change its state (most of them). */
const shared = new Map<string, Promise<string>>();
function queuedTrajectory(ctx: SpecContext): Promise<string> {
  if (!shared.has(ctx.project.id)) shared.set(ctx.project.id, trajectoryIn(ctx));
  return shared.get(ctx.project.id)!;
}

const slug = (ctx: SpecContext) => ({ slug: ctx.project.slug });
const UNHELD = "00000000-0000-0000-0000-000000000000";

export const REVIEW_ENDPOINT_SPECS: Record<string, EndpointSpec> = {
  "GET /api/projects/[slug]/review/settings": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "PUT /api/projects/[slug]/review/settings": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => ({ params: slug(ctx), body: DEFAULT_REVIEW_SETTINGS }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/review/send": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({
      params: slug(ctx),
      body: { trajectoryIds: [await trajectoryIn(ctx, "adjudicate_changes")] },
    }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/review/next": {
    access: { kind: "project", action: "review.write" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/review/edits/next": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "PATCH /api/projects/[slug]/review/claims/[trajectoryId]": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({
      params: { ...slug(ctx), trajectoryId: await queuedTrajectory(ctx) },
      query: `claimId=${UNHELD}`,
    }),
    okStatus: 409,
  },
  "DELETE /api/projects/[slug]/review/claims/[trajectoryId]": {
    access: { kind: "project", action: "trajectory.edit" },
    prepare: async (ctx) => ({
      params: { ...slug(ctx), trajectoryId: await queuedTrajectory(ctx) },
      query: `claimId=${UNHELD}`,
    }),
    okStatus: 409,
  },
  "GET /api/projects/[slug]/review/queue": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: slug(ctx), query: "queue=review" }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/review/progress": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/review/assign": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => ({
      params: slug(ctx),
      body: { trajectoryIds: [await queuedTrajectory(ctx)], priority: 3 },
    }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/review/disagreements": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "GET /api/projects/[slug]/review/dashboard": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: slug(ctx) }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/review/decisions": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => {
      const id = await trajectoryIn(ctx, "adjudicate_accept");
      return {
        params: slug(ctx),
        body: { decision: "approve", trajectoryIds: [id], reason: "matrix", confirmCount: 1 },
      };
    },
    okStatus: 200,
  },
  "GET /api/projects/[slug]/trajectories/[trajectoryId]/reviews": {
    access: { kind: "project", action: "trajectory.read" },
    prepare: async (ctx) => ({ params: { ...slug(ctx), trajectoryId: await queuedTrajectory(ctx) } }),
    okStatus: 200,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/reviews": {
    access: { kind: "project", action: "review.write" },
    prepare: async (ctx) => ({
      params: { ...slug(ctx), trajectoryId: await queuedTrajectory(ctx) },
      body: { claimId: UNHELD, revisionNumber: 1, verdict: "accept", scores: scores(4) },
    }),
    okStatus: 409,
  },
  "POST /api/projects/[slug]/trajectories/[trajectoryId]/decision": {
    access: { kind: "project", action: "review.approve" },
    prepare: async (ctx) => ({
      params: { ...slug(ctx), trajectoryId: await trajectoryIn(ctx) },
      body: { decision: "override_approve", revisionNumber: 1, reason: "matrix" },
    }),
    okStatus: 200,
  },
};
