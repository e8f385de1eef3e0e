import { withStatus } from "@/lib/http/respond";
import { projectRoute } from "@/lib/http/route";
import { CreateSetSchema } from "@/lib/curation/schemas";
import { createSet, listSets } from "@/lib/curation/sets";

export const GET = projectRoute("trajectory.read", {}, async ({ project }) => listSets(project.id));

export const POST = projectRoute("curation.write", { body: CreateSetSchema }, async ({ project, actor, body }) =>
  withStatus(201, { set: await createSet(project.id, body, actor.user.id) }),
);
