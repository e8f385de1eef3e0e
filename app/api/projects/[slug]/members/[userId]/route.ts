import { z } from "zod";
import { projectRoute } from "@/lib/http/route";
import { MemberParams } from "@/lib/http/route-params";
import { withStatus } from "@/lib/http/respond";
import { changeMemberRole, removeMember, RoleSchema } from "@/lib/projects/members";

export const PATCH = projectRoute(
  "member.manage",
  { params: MemberParams, body: z.object({ role: RoleSchema }) },
  async ({ project, actor, params, body }) => ({
    member: await changeMemberRole(project.id, params.userId, body.role, actor.user.id),
  }),
);

export const DELETE = projectRoute("member.manage", { params: MemberParams }, async ({ project, actor, params }) => {
  await removeMember(project.id, params.userId, actor.user.id);
  return withStatus(204, null);
});
