import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { TrajectoryParams } from "@/lib/http/route-params";
import { jsonArrayMember, jsonStreamResponse } from "@/lib/http/json-stream";
import { largeReadGate } from "@/lib/http/read-gate";
import { RevisionNumberParam } from "@/lib/trajectory/revision-number";
import { bodyBytesOf, pinRevision, readTools, streamRevisionStepsJson } from "@/lib/trajectory/store/read-revision";

export const dynamic = "force-dynamic";

const Query = z.object({ revision: RevisionNumberParam.optional() });

/**
 * `{revision, tools, steps}`, streamed a batch of steps at a time (a trajectory may be hundreds of
 * MB); a large one waits for a slot of the large-read gate (503 with Retry-After when it is full).
 */
export const GET = projectRoute(
  "trajectory.read",
  { params: TrajectoryParams, query: Query },
  async ({ req, project, params, query }) => {
    const pinned = await pinRevision(project.id, params.trajectoryId, query.revision);
    const release = await largeReadGate().enter(await bodyBytesOf(pinned.trajectoryId, pinned.stepIds), "trajectories");
    try {
      const tools = await readTools(pinned.trajectoryId);
      // The stream gives the slot back when it ends; a client that goes away ends it too.
      req.signal.addEventListener("abort", release, { once: true });
      return jsonStreamResponse(
        jsonArrayMember({ revision: pinned.number, tools }, "steps", streamRevisionStepsJson(pinned)),
        { onClose: release },
      );
    } catch (e) {
      release();
      throw e;
    }
  },
);
