import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { RevisionNumberParam } from "@/lib/trajectory/revision-number";
import { getStepIndex } from "@/lib/trajectory/trajectory-detail";

const Query = z.object({ revision: RevisionNumberParam.optional() });

export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => getStepIndex(project.id, params.trajectoryId, query.revision),
);
