import { projectRoute } from "@/lib/http/route";
import { AddItemsSchema, SetParams } from "@/lib/curation/schemas";
import { addItems } from "@/lib/curation/sets";

/** Add approved trajectories to the set (409 with the warning past the target or a quota, unless `force`). */
export const POST = projectRoute(
  "curation.write",
  { params: SetParams, body: AddItemsSchema },
  async ({ project, actor, params, body }) => addItems(project.id, params.setId, body, actor.user.id),
);
