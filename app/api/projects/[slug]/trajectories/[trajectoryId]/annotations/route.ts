import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { TrajectoryParams } from "@/lib/http/route-params";
import { createAnnotation, listAnnotations, NewAnnotationSchema } from "@/lib/trajectory/annotations";

export const GET = projectRoute("trajectory.read", { params: TrajectoryParams }, async ({ project, params }) =>
  listAnnotations(project.id, params.trajectoryId),
);

export const POST = projectRoute(
  "annotation.write",
  { params: TrajectoryParams, body: NewAnnotationSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await createAnnotation(project.id, params.trajectoryId, body, actor.user.id)),
);
