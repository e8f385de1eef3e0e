import { projectRoute } from "@/lib/http/route";
import { SynthesisRunParams } from "@/lib/http/route-params";
import { withStatus } from "@/lib/http/respond";
import { resumeRun } from "@/lib/queries/synthesis/synthesis-runs";

/** Queues a stopped run again (after a cancel or a failure, or to retry its flagged PRs). */
export const POST = projectRoute("query.decide", { params: SynthesisRunParams }, async ({ project, actor, params }) =>
  withStatus(202, await resumeRun(project.id, params.runId, actor.user.id)),
);
