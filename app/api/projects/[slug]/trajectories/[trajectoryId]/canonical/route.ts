import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { jsonArrayMember, jsonStreamResponse } from "@/lib/http/json-stream";
import { RevisionNumberParam } from "@/lib/trajectory/revision-number";
import { pinRevision, readTools, streamRevisionStepsJson } from "@/lib/trajectory/store/read-revision";

export const dynamic = "force-dynamic";

const Query = z.object({ revision: RevisionNumberParam.optional() });

/** `{revision, tools, steps}`, streamed a batch of steps at a time (a trajectory may be hundreds of MB). */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ project, params, query }) => {
    const pinned = await pinRevision(project.id, params.trajectoryId, query.revision);
    const tools = await readTools(pinned.trajectoryId);
    return jsonStreamResponse(
      jsonArrayMember({ revision: pinned.number, tools }, "steps", streamRevisionStepsJson(pinned)),
    );
  },
);
