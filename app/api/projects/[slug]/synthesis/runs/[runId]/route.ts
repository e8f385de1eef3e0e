import { projectRoute } from "@/lib/http/route";
import { SynthesisRunParams } from "@/lib/http/route-params";
import { getRun } from "@/lib/queries/synthesis/synthesis-runs";

export const dynamic = "force-dynamic";

export const GET = projectRoute("query.read", { params: SynthesisRunParams }, async ({ project, params }) =>
  getRun(project.id, params.runId),
);
