import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { readRevision } from "@/lib/trajectory/read-trajectory";

const Params = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });
const Query = z.object({ revision: z.coerce.number().int().min(1).optional() });

export const GET = projectRoute(
  "trajectory.read",
  { params: Params, query: Query },
  async ({ project, params, query }) => {
    const r = await readRevision(project.id, params.trajectoryId, query.revision);
    return { revision: r.number, tools: r.tools, steps: r.steps };
  },
);
