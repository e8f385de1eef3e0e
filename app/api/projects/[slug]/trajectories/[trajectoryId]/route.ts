import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { getTrajectoryDetail } from "@/lib/trajectory/trajectory-detail";

export const GET = projectRoute("trajectory.read", { params: TrajectoryParams }, async ({ project, params }) =>
  getTrajectoryDetail(project.id, params.trajectoryId),
);
