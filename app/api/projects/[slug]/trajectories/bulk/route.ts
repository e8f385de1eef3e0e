import { projectRoute } from "@/lib/http/route";
import { BulkMetadataSchema, updateTrajectoryMetadata } from "@/lib/trajectory/trajectory-metadata";

/** Domain and linked query of many trajectories at once: all or nothing. */
export const POST = projectRoute("trajectory.edit", { body: BulkMetadataSchema }, async ({ project, actor, body }) =>
  updateTrajectoryMetadata(project.id, body.ids, body.set, actor),
);
