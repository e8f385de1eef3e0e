import { projectRoute } from "@/lib/http/route";
import { CompareQuery } from "@/lib/curation/schemas";
import { compareReleases } from "@/lib/curation/releases";

export const GET = projectRoute("trajectory.read", { query: CompareQuery }, async ({ project, query }) =>
  compareReleases(project.id, query.from, query.to),
);
