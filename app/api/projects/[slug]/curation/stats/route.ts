import { projectRoute } from "@/lib/http/route";
import { StatsQuery } from "@/lib/curation/schemas";
import { curationStats } from "@/lib/curation/stats";
import { inHeavyQueue } from "@/lib/curation/heavy-queue";

export const GET = projectRoute("trajectory.read", { query: StatsQuery }, async ({ project, query }) =>
  inHeavyQueue(() => curationStats(project.id, query.setId)),
);
