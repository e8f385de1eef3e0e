import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { RevisionNumberParam } from "@/lib/trajectory/revision-number";
import { TrajectoryParams } from "@/lib/http/route-params";
import { diffTrajectoryRevisions } from "@/lib/trajectory/revisions";

const Query = z.object({ from: RevisionNumberParam, to: RevisionNumberParam });

export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => diffTrajectoryRevisions(project.id, params.trajectoryId, query.from, query.to),
);
