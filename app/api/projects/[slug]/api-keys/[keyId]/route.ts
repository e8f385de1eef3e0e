import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { revokeApiKey } from "@/lib/auth/api-keys";

export const DELETE = projectRoute(
  "apikey.manage",
  { params: z.object({ slug: z.string(), keyId: z.string().min(1) }) },
  async ({ project, actor, params }) => {
    await revokeApiKey(project.id, params.keyId, actor.user.id);
    return withStatus(204, null);
  },
);
