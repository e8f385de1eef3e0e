import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { trainingView } from "@/lib/export/training-view/project-template";

export const dynamic = "force-dynamic";

const Query = z.object({ revision: z.coerce.number().int().min(1).optional() });

/** The revision (the head when absent) rendered through the project's chat template. */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => trainingView(project.id, params.trajectoryId, query.revision),
);
