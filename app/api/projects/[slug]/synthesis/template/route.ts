import { projectRoute } from "@/lib/http/route";
import { getTemplate, setTemplate, TemplateSchema } from "@/lib/queries/synthesis/template-service";

export const GET = projectRoute("query.read", {}, async ({ project }) => getTemplate(project.id));

export const PUT = projectRoute("query.decide", { body: TemplateSchema }, async ({ project, body }) =>
  setTemplate(project.id, body.template),
);
