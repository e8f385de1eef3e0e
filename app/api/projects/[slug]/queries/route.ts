import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { createQuery, listQueries, NewQuerySchema, QueryListSchema } from "@/lib/queries/query-service";

export const GET = projectRoute("query.read", { query: QueryListSchema }, async ({ project, query }) =>
  listQueries(project.id, query),
);

export const POST = projectRoute("query.write", { body: NewQuerySchema }, async ({ project, actor, body }) =>
  withStatus(201, await createQuery(project.id, body, actor.user.id)),
);
