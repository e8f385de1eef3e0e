import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { changeMemberRole, removeMember, RoleSchema } from "@/lib/projects/members";

const Params = z.object({ slug: z.string(), userId: z.string().min(1) });

export const PATCH = projectRoute(
  "member.manage",
  { params: Params, body: z.object({ role: RoleSchema }) },
  async ({ project, actor, params, body }) => ({
    member: await changeMemberRole(project.id, params.userId, body.role, actor.user.id),
  }),
);

export const DELETE = projectRoute("member.manage", { params: Params }, async ({ project, actor, params }) => {
  await removeMember(project.id, params.userId, actor.user.id);
  return withStatus(204, null);
});
