import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { diffTrajectoryRevisions } from "@/lib/trajectory/revisions";

const Query = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => diffTrajectoryRevisions(project.id, params.trajectoryId, query.from, query.to),
);
