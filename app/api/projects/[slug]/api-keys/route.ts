import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { RoleSchema } from "@/lib/projects/members";

export const GET = projectRoute("apikey.manage", {}, async ({ project }) => ({
  apiKeys: await listApiKeys(project.id),
}));

const NewKey = z.object({ name: z.string().trim().min(1).max(80), role: RoleSchema.default("annotator") });

/**
 * Only a signed-in person creates keys: a key made by a key would outlive its parent's revocation
 * (README, Security).
 */
export const POST = projectRoute("apikey.manage", { body: NewKey }, async ({ project, actor, role, body }) => {
  if (actor.kind === "apiKey")
    throw new AppError("FORBIDDEN", "an API key cannot create API keys: sign in as a person to create one");
  return withStatus(201, {
    apiKey: await createApiKey({
      projectId: project.id,
      name: body.name,
      role: body.role,
      creatorId: actor.user.id,
      creatorRole: role,
    }),
  });
});
