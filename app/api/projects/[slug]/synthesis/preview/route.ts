import { projectRoute } from "@/lib/http/route";
import { PreviewSchema, previewTemplate } from "@/lib/queries/synthesis/template-service";

export const POST = projectRoute("query.decide", { body: PreviewSchema }, async ({ project, body }) =>
  previewTemplate(project.id, body.template, body.prId),
);
