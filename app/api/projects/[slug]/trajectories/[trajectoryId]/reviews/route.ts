import { can } from "@/lib/auth/permissions";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { listReviews } from "@/lib/review/list-reviews";
import { TrajectoryParams } from "@/lib/review/route-schemas";
import { submitReview, SubmitReviewSchema } from "@/lib/review/submit-review";

/** Reviews per revision; others' verdicts of a revision still collecting stay hidden until I submit. */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams },
  async ({ project, actor, role, params }) =>
    listReviews(project.id, params.trajectoryId, { id: actor.user.id, isLead: can(role, "review.approve") }),
);

/** Submits my verdict on the head revision under my live claim. */
export const POST = projectRoute(
  "review.write",
  { params: TrajectoryParams, body: SubmitReviewSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await submitReview(project.id, params.trajectoryId, body, actor.user.id)),
);
