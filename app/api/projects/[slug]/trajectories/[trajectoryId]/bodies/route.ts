import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { jsonObjectMember, jsonStreamResponse } from "@/lib/http/json-stream";
import { BodyIdsSchema } from "@/lib/trajectory/trajectory-detail";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";
import { streamStepBodiesJson } from "@/lib/trajectory/store/read-revision";

export const dynamic = "force-dynamic";

/** `{bodies: {stepId: body}}`, streamed a few MB at a time (one step may be hundreds of MB). */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: BodyIdsSchema },
  async ({ project, params, query }) => {
    const t = await findTrajectory(project.id, params.trajectoryId, { id: true });
    return jsonStreamResponse(jsonObjectMember("bodies", streamStepBodiesJson(t.id, query.ids)));
  },
);
