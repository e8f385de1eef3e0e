import { projectRoute } from "@/lib/http/route";
import { listTrajectories } from "@/lib/trajectory/list-trajectories";
import { TrajectoryListQuerySchema } from "@/lib/trajectory/list-query";

export const GET = projectRoute("trajectory.read", { query: TrajectoryListQuerySchema }, async ({ project, query }) =>
  listTrajectories(project.id, query),
);
