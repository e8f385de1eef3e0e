import { projectRoute } from "@/lib/http/route";
import { SynthesisRunParams } from "@/lib/http/route-params";
import { cancelRun } from "@/lib/queries/synthesis/synthesis-runs";

export const POST = projectRoute("query.decide", { params: SynthesisRunParams }, async ({ project, params }) =>
  cancelRun(project.id, params.runId),
);
