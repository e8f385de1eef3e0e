import { projectRoute } from "@/lib/http/route";
import { SetParams } from "@/lib/curation/schemas";
import { suggestForSet } from "@/lib/curation/suggest";
import { inHeavyQueue } from "@/lib/curation/heavy-queue";

/** Suggestions for the remaining slots, each with its reasons; writes nothing (a lead accepts them). */
export const POST = projectRoute("curation.write", { params: SetParams }, async ({ project, params }) =>
  inHeavyQueue(() => suggestForSet(project.id, params.setId)),
);
