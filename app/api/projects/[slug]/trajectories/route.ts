import { projectRoute } from "@/lib/http/route";
import { listTrajectories, TrajectoryListQuerySchema } from "@/lib/trajectory/list-trajectories";

export const GET = projectRoute("trajectory.read", { query: TrajectoryListQuerySchema }, async ({ project, query }) =>
  listTrajectories(project.id, query),
);
