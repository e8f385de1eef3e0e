import { projectRoute } from "@/lib/http/route";
import { LiveSessionParams } from "@/lib/http/route-params";
import { StepsBatchSchema } from "@/lib/live/sessions/session-schemas";
import { appendSteps } from "@/lib/live/sessions/append-steps";
import { limitLiveIngest } from "@/lib/live/sessions/http-limits";

export const dynamic = "force-dynamic";

const Body = StepsBatchSchema.omit({ session: true });

/** A batch of steps (same semantics as `session:steps`): `{ack, stored, duplicates, gap, rewritten, control}`. */
export const POST = projectRoute(
  "trajectory.import",
  { params: LiveSessionParams, body: Body },
  async ({ project, actor, params, body }) => {
    await limitLiveIngest(actor);
    return appendSteps(project.id, { ...body, session: params.sessionId });
  },
);
