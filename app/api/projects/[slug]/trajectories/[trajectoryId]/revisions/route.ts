import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { revisionAuthor } from "@/lib/trajectory/store/write-revision";
import { TrajectoryParams } from "@/lib/http/route-params";
import { listRevisions, saveRevision, SaveRevisionSchema } from "@/lib/trajectory/revisions";

export const GET = projectRoute("trajectory.read", { params: TrajectoryParams }, async ({ project, params }) => ({
  revisions: await listRevisions(project.id, params.trajectoryId),
}));

/** 201 with the new revision and warnings; 409 with what changed when `baseNumber` is not the head. */
export const POST = projectRoute(
  "trajectory.edit",
  { params: TrajectoryParams, body: SaveRevisionSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, await saveRevision(project.id, params.trajectoryId, body, revisionAuthor(actor))),
);
