import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { endSession } from "@/lib/live/sessions/end-session";
import { limitLiveIngest } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

/** Ends the session: revision 1 of its trajectory, which enters review. Ending again answers the same. */
export const POST = projectRoute(
  "trajectory.import",
  { params: LiveSessionParams },
  async ({ project, actor, params }) => {
    await limitLiveIngest(actor);
    return endSession(project.id, params.sessionId, actor);
  },
);
