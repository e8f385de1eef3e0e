import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { restoreTrajectory } from "@/lib/trajectory/delete-trajectory";

/** Undoes a delete within the undo window. */
export const POST = projectRoute(
  "trajectory.delete",
  { params: TrajectoryParams },
  async ({ project, actor, params }) => restoreTrajectory(project.id, params.trajectoryId, actor),
);
