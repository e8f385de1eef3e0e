import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { revisionAuthor } from "@/lib/trajectory/store/write-revision";
import { TrajectoryParams } from "@/lib/http/route-params";
import { RevertSchema, revertTo } from "@/lib/trajectory/revisions";

export const POST = projectRoute(
  "trajectory.edit",
  { params: TrajectoryParams, body: RevertSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await revertTo(project.id, params.trajectoryId, body, revisionAuthor(actor))),
);
