import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { touchSession } from "@/lib/live/sessions/session-writes";
import { limitLiveIngest } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

/** Heartbeat and resume: `{ack, state, control, feedback}` (a stale session is live again). */
export const POST = projectRoute(
  "trajectory.import",
  { params: LiveSessionParams },
  async ({ project, actor, params }) => {
    await limitLiveIngest(actor);
    return touchSession(project.id, params.sessionId);
  },
);
