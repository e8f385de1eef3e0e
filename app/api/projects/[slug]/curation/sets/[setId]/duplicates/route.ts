import { projectRoute } from "@/lib/http/route";
import { SetParams } from "@/lib/curation/schemas";
import { setDuplicates } from "@/lib/curation/duplicates";
import { inHeavyQueue } from "@/lib/curation/heavy-queue";

export const GET = projectRoute("trajectory.read", { params: SetParams }, async ({ project, params }) =>
  inHeavyQueue(() => setDuplicates(project.id, params.setId)),
);
