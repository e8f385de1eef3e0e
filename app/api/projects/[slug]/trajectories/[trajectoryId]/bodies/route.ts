import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { BodyIdsSchema, getStepBodies } from "@/lib/trajectory/trajectory-detail";

const Params = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });

export const GET = projectRoute(
  "trajectory.read",
  { params: Params, query: BodyIdsSchema },
  async ({ project, params, query }) => ({
    bodies: await getStepBodies(project.id, params.trajectoryId, query.ids),
  }),
);
