import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { BodyIdsSchema, getStepBodies } from "@/lib/trajectory/trajectory-detail";

export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: BodyIdsSchema },
  async ({ project, params, query }) => ({
    bodies: await getStepBodies(project.id, params.trajectoryId, query.ids),
  }),
);
