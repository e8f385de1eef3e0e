import { withStatus } from "@/lib/http/respond";
import { projectRoute } from "@/lib/http/route";
import { ReleaseSchema, SetParams } from "@/lib/curation/schemas";
import { lockRelease } from "@/lib/curation/releases";

/** Lock the set as the project's next numbered release (201). */
export const POST = projectRoute(
  "curation.release",
  { params: SetParams, body: ReleaseSchema },
  async ({ project, actor, params, body }) =>
    withStatus(201, { release: await lockRelease(project.id, params.setId, body, actor.user.id) }),
);
