import { projectRoute } from "@/lib/http/route";
import { heartbeat, releaseClaim } from "@/lib/review/review-queue";
import { ClaimQuery, TrajectoryParams } from "@/lib/review/route-schemas";

/** Heartbeat: extends my live claim by the project's TTL (409 when it expired or is not mine). */
export const PATCH = projectRoute(
  "trajectory.edit",
  { params: TrajectoryParams, query: ClaimQuery },
  async ({ project, actor, params, query }) => heartbeat(project.id, params.trajectoryId, actor.user.id, query.claimId),
);

/** Gives my claim back (skip). */
export const DELETE = projectRoute(
  "trajectory.edit",
  { params: TrajectoryParams, query: ClaimQuery },
  async ({ project, actor, params, query }) =>
    releaseClaim(project.id, params.trajectoryId, actor.user.id, query.claimId),
);
