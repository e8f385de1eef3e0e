import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { getTrajectoryDetail } from "@/lib/trajectory/trajectory-detail";
import { TrajectoryMetadataSchema, updateTrajectoryMetadata } from "@/lib/trajectory/trajectory-metadata";
import { deleteTrajectory } from "@/lib/trajectory/delete-trajectory";

export const GET = projectRoute("trajectory.read", { params: TrajectoryParams }, async ({ project, params }) =>
  getTrajectoryDetail(project.id, params.trajectoryId),
);

/** Title, domain and linked query: metadata, no revision. */
export const PATCH = projectRoute(
  "trajectory.edit",
  { params: TrajectoryParams, body: TrajectoryMetadataSchema },
  async ({ project, actor, params, body }) => {
    const r = await updateTrajectoryMetadata(project.id, [params.trajectoryId], body, actor);
    return { trajectory: r.trajectories[0] };
  },
);

/** A soft delete, restorable for a while (POST …/restore). */
export const DELETE = projectRoute(
  "trajectory.delete",
  { params: TrajectoryParams },
  async ({ project, actor, params }) => deleteTrajectory(project.id, params.trajectoryId, actor),
);
