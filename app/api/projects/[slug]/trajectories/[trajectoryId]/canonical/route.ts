import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { readRevision } from "@/lib/trajectory/read-trajectory";

const Query = z.object({ revision: z.coerce.number().int().min(1).optional() });

export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => {
    const r = await readRevision(project.id, params.trajectoryId, query.revision);
    return { revision: r.number, tools: r.tools, steps: r.steps };
  },
);
