import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { ControlSchema } from "@/lib/live/sessions/session-schemas";
import { controlSession } from "@/lib/live/sessions/feedback-control";
import { limitFeedback } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

/** Pause, resume or stop the agent (the runner obeys; a recorder shows it). */
export const POST = projectRoute(
  "live.feedback",
  { params: LiveSessionParams, body: ControlSchema },
  async ({ project, actor, params, body }) => {
    await limitFeedback(actor);
    return controlSession(project.id, params.sessionId, actor, body.action);
  },
);
