import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { BodyIdsSchema } from "@/lib/trajectory/trajectory-detail";
import { liveStepBodies } from "@/lib/live/sessions/read-sessions";

export const dynamic = "force-dynamic";

/** Bodies of live steps by id (at most 200), as the viewer fetches them. */
export const GET = projectRoute(
  "live.watch",
  { params: LiveSessionParams, query: BodyIdsSchema },
  async ({ project, params, query }) => liveStepBodies(project.id, params.sessionId, query.ids),
);
