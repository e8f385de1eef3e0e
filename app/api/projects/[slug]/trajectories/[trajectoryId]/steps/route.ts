import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { getStepIndex } from "@/lib/trajectory/trajectory-detail";

const Params = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });
const Query = z.object({ revision: z.coerce.number().int().min(1).optional() });

export const GET = projectRoute(
  "trajectory.read",
  { params: Params, query: Query },
  async ({ project, params, query }) => getStepIndex(project.id, params.trajectoryId, query.revision),
);
