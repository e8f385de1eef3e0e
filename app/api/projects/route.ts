import { instanceRoute, userRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { createProject, listProjectsFor, NewProjectSchema } from "@/lib/projects/projects";

export const GET = userRoute({}, async ({ actor }) => ({ projects: await listProjectsFor(actor.user) }));

export const POST = instanceRoute("instance.project.create", { body: NewProjectSchema }, async ({ actor, body }) =>
  withStatus(201, { project: await createProject(body, actor.user.id) }),
);
