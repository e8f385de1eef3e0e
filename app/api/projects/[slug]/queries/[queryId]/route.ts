import { projectRoute } from "@/lib/http/route";
import { QueryParams } from "@/lib/http/route-params";
import { getQuery, QueryPatchSchema, updateQuery } from "@/lib/queries/query-service";

export const GET = projectRoute("query.read", { params: QueryParams }, async ({ project, params }) =>
  getQuery(project.id, params.queryId),
);

/** Edits need query.write; changing the status also needs query.decide (checked in updateQuery). */
export const PATCH = projectRoute(
  "query.write",
  { params: QueryParams, body: QueryPatchSchema },
  async ({ project, actor, role, params, body }) =>
    updateQuery(project.id, params.queryId, body, { id: actor.user.id, role }),
);
