import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { getQuery, QueryPatchSchema, updateQuery } from "@/lib/queries/query-service";

const Params = z.object({ slug: z.string(), queryId: z.string().min(1) });

export const GET = projectRoute("query.read", { params: Params }, async ({ project, params }) =>
  getQuery(project.id, params.queryId),
);

/** Edits need query.write; changing the status also needs query.decide (checked in updateQuery). */
export const PATCH = projectRoute(
  "query.write",
  { params: Params, body: QueryPatchSchema },
  async ({ project, actor, role, params, body }) =>
    updateQuery(project.id, params.queryId, body, { id: actor.user.id, role }),
);
