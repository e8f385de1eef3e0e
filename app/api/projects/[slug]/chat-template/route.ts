import { projectRoute } from "@/lib/http/route";
import { withStatus } from "@/lib/http/respond";
import { setProjectTemplate, TemplateChoiceSchema, templateChoices } from "@/lib/export/training-view/template-setting";

export const dynamic = "force-dynamic";

/** The project's chat template, the model folders and the shipped templates on offer. */
export const GET = projectRoute("project.read", {}, async ({ project }) => templateChoices(project.id));

/** Sets (or clears) the chat template by model name; 202 with the count job of every revision. */
export const PUT = projectRoute("project.update", { body: TemplateChoiceSchema }, async ({ project, actor, body }) =>
  withStatus(
    202,
    await setProjectTemplate(project.id, body, {
      userId: actor.user.id,
      apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
    }),
  ),
);
