import { projectRoute } from "@/lib/http/route";
import { getProjectBySlug, ProjectUpdateSchema, updateProject } from "@/lib/projects/projects";

export const GET = projectRoute("project.read", {}, async ({ project, role }) => ({
  project: await getProjectBySlug(project.slug),
  role,
}));

export const PATCH = projectRoute(
  "project.update",
  { body: ProjectUpdateSchema },
  async ({ project, actor, body }) => ({
    project: await updateProject(project.id, body, actor.user.id),
  }),
);
