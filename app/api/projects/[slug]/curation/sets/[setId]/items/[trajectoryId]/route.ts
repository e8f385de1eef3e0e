import { projectRoute } from "@/lib/http/route";
import { SetItemParams } from "@/lib/curation/schemas";
import { removeItem } from "@/lib/curation/sets";

export const DELETE = projectRoute("curation.write", { params: SetItemParams }, async ({ project, actor, params }) =>
  removeItem(project.id, params.setId, params.trajectoryId, actor.user.id),
);
