import { projectRoute } from "@/lib/http/route";
import { CurationFindingParams } from "@/lib/http/route-params";
import { WaiveSchema, waiveFinding } from "@/lib/curation/gate/findings";

/** A lead waives an open finding, with a reason (audited). */
export const POST = projectRoute(
  "curation.waive",
  { params: CurationFindingParams, body: WaiveSchema },
  async ({ project, params, actor, body }) =>
    waiveFinding(project.id, params.setId, params.findingId, body, actor.user.id),
);
