import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { FeedbackSchema } from "@/lib/live/sessions/session-schemas";
import { sendFeedback } from "@/lib/live/sessions/feedback-control";
import { limitFeedback } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

/** Feedback into the session: a human step with its author, delivered to the agent. */
export const POST = projectRoute(
  "live.feedback",
  { params: LiveSessionParams, body: FeedbackSchema },
  async ({ project, actor, params, body }) => {
    await limitFeedback(actor);
    return sendFeedback(project.id, params.sessionId, actor, body.text);
  },
);
