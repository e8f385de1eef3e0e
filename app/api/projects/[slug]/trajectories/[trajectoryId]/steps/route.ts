import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { RevisionNumberParam } from "@/lib/trajectory/revision-number";
import { getStepIndex } from "@/lib/trajectory/trajectory-detail";

const Params = z.object({ slug: z.string(), trajectoryId: z.string().min(1) });
const Query = z.object({ revision: RevisionNumberParam.optional() });

export const GET = projectRoute(
  "trajectory.read",
  { params: Params, query: Query },
  async ({ project, params, query }) => getStepIndex(project.id, params.trajectoryId, query.revision),
);
