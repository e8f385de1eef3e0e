import { projectRoute } from "@/lib/http/route";
import { ReleaseParams } from "@/lib/curation/schemas";
import { getRelease } from "@/lib/curation/releases";

export const GET = projectRoute("trajectory.read", { params: ReleaseParams }, async ({ project, params }) =>
  getRelease(project.id, params.number),
);
