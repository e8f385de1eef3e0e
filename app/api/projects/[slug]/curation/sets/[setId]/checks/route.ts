import { projectRoute } from "@/lib/http/route";
import { CurationSetParams } from "@/lib/http/route-params";
import { listChecks } from "@/lib/curation/gate/findings";
import { runChecks } from "@/lib/curation/gate/run-checks";

/** The last run of the set's checks and its findings (grouped by rule in the page). */
export const GET = projectRoute("trajectory.read", { params: CurationSetParams }, async ({ project, params }) =>
  listChecks(project.id, params.setId),
);

/** Runs validation and the redaction scan over the set's samples now. */
export const POST = projectRoute(
  "curation.check",
  { params: CurationSetParams },
  async ({ project, params, actor }) => {
    const ran = await runChecks(project.id, params.setId, actor.user.id);
    return { ran, ...(await listChecks(project.id, params.setId)) };
  },
);
