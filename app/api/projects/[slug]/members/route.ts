import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { AddMemberSchema, addMember, listMembers } from "@/lib/projects/members";

export const GET = projectRoute("member.read", {}, async ({ project }) => ({ members: await listMembers(project.id) }));

export const POST = projectRoute("member.manage", { body: AddMemberSchema }, async ({ project, actor, body }) =>
  withStatus(201, {
    member: await addMember(project.id, body, actor.user.id, { mayCreateAccount: actor.kind === "user" }),
  }),
);
