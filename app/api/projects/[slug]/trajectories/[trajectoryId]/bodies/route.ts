import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { jsonObjectMember, jsonStreamResponse } from "@/lib/http/json-stream";
import { largeReadGate } from "@/lib/http/read-gate";
import { BodyIdsSchema } from "@/lib/trajectory/trajectory-detail";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { bodyBytesOf, streamStepBodiesJson } from "@/lib/trajectory/store/read-revision";

export const dynamic = "force-dynamic";

/**
 * `{bodies: {stepId: body}}`, streamed a few MB at a time (one step may be hundreds of MB); a large
 * page waits for a slot of the large-read gate (503 with Retry-After when it is full).
 */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: BodyIdsSchema },
  async ({ req, project, params, query }) => {
    const t = await findTrajectory(project.id, params.trajectoryId, { id: true });
    const release = await largeReadGate().enter(await bodyBytesOf(t.id, query.ids), "step bodies");
    req.signal.addEventListener("abort", release, { once: true });
    return jsonStreamResponse(jsonObjectMember("bodies", streamStepBodiesJson(t.id, query.ids)), {
      onClose: release,
    });
  },
);
