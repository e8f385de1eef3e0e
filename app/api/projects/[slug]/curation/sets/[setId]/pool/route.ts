import { projectRoute } from "@/lib/http/route";
import { PoolQuery, SetParams } from "@/lib/curation/schemas";
import { listPool } from "@/lib/curation/pool";

/** The approved pool for a set's board: filters, sorting and pages on the server. */
export const GET = projectRoute(
  "trajectory.read",
  { params: SetParams, query: PoolQuery },
  async ({ project, params, query }) => listPool(project.id, params.setId, query),
);
