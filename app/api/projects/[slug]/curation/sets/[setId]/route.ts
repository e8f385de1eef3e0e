import { projectRoute } from "@/lib/http/route";
import { SetParams, UpdateSetSchema } from "@/lib/curation/schemas";
import { deleteSet, getSet, updateSet } from "@/lib/curation/sets";

export const GET = projectRoute("trajectory.read", { params: SetParams }, async ({ project, params }) =>
  getSet(project.id, params.setId),
);

export const PATCH = projectRoute(
  "curation.write",
  { params: SetParams, body: UpdateSetSchema },
  async ({ project, actor, params, body }) => ({ set: await updateSet(project.id, params.setId, body, actor.user.id) }),
);

export const DELETE = projectRoute("curation.write", { params: SetParams }, async ({ project, actor, params }) =>
  deleteSet(project.id, params.setId, actor.user.id),
);
