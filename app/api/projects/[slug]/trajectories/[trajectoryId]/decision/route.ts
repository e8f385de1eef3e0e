import { projectRoute } from "@/lib/http/route";
import { decide, DecisionSchema } from "@/lib/review/lead-decision";
import { TrajectoryParams } from "@/lib/review/route-schemas";

/** A lead's decision on the revision named: approve, reject, adjudicate, override, reopen. */
export const POST = projectRoute(
  "review.approve",
  { params: TrajectoryParams, body: DecisionSchema },
  async ({ project, actor, params, body }) => decide(project.id, params.trajectoryId, body, actor.user.id),
);
