import { projectRoute } from "@/lib/http/route";
import { bulkSetStatus, BulkStatusSchema } from "@/lib/queries/query-service";

export const POST = projectRoute("query.decide", { body: BulkStatusSchema }, async ({ project, actor, body }) =>
  bulkSetStatus(project.id, body, actor.user.id),
);
