import { projectRoute } from "@/lib/http/route";
import { ApiKeyParams } from "@/lib/http/route-params";
import { withStatus } from "@/lib/http/respond";
import { revokeApiKey } from "@/lib/auth/api-keys";

export const DELETE = projectRoute("apikey.manage", { params: ApiKeyParams }, async ({ project, actor, params }) => {
  await revokeApiKey(project.id, params.keyId, actor.user.id);
  return withStatus(204, null);
});
