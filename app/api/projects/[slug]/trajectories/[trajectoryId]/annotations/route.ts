import { can } from "@/lib/auth/permissions";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { TrajectoryParams } from "@/lib/http/route-params";
import { createAnnotation, listAnnotations, NewAnnotationSchema } from "@/lib/trajectory/annotations";

/** Labels made inside a review stay hidden from the revision's other reviewers until they submit. */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams },
  async ({ project, actor, role, params }) =>
    listAnnotations(project.id, params.trajectoryId, { id: actor.user.id, isLead: can(role, "review.approve") }),
);

export const POST = projectRoute(
  "annotation.write",
  { params: TrajectoryParams, body: NewAnnotationSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await createAnnotation(project.id, params.trajectoryId, body, actor.user.id)),
);
