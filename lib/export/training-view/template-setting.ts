/**
 * Choosing a project's chat template (admins: it names a folder of the instance's models folder,
 * through the models-folder module, never a path). The choice is loaded before it is saved, so a
 * template that does not parse, a tokenizer that does not load or a name that is not a model
 * folder is refused with the file or field named and nothing changes. Saving recomputes the token
 * rule's stored count of the approved trajectories and queues the count of every revision under
 * the new template.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { refreshRuleTokens, refreshRuleTokensSql } from "@/lib/trajectory/store/rule-tokens";
import { recordAudit } from "@/lib/audit/record-audit";
import { supersedeQueuedJobs } from "@/lib/jobs/job-queue";
import { listModels } from "@/lib/tokens/models-dir";
import { BUILTIN_TEMPLATES } from "@/lib/export/training-view/builtin-templates";
import { loadTemplate, projectTemplateSpec, templateSpec } from "@/lib/export/training-view/project-template";
import { TEMPLATE_COUNT_JOB, templateCountJob } from "@/lib/export/training-view/template-count-job";

export const TemplateChoiceSchema = z
  .object({
    /** A model folder's name; null clears the template. */
    model: z.string().min(1).max(200).nullable(),
    builtin: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();

export async function templateChoices(projectId: string) {
  return {
    template: await projectTemplateSpec(projectId),
    models: await listModels(),
    builtins: Object.entries(BUILTIN_TEMPLATES).map(([name, t]) => ({ name, label: t.label })),
  };
}

export async function setProjectTemplate(
  projectId: string,
  choice: z.infer<typeof TemplateChoiceSchema>,
  actor: { userId: string; apiKeyId?: string | null },
) {
  const spec = choice.model === null ? null : templateSpec({ model: choice.model, builtin: choice.builtin ?? null });
  if (spec) await loadTemplate(spec);
  await db().$transaction(async (tx) => {
    await tx.project.update({ where: { id: projectId }, data: { chatTemplate: spec } });
    // The token rule's stored count of every approved trajectory follows the template (exact
    // counts under the new one where they exist, else the estimate), in one UPDATE.
    await tx.$executeRawUnsafe(refreshRuleTokensSql(false), projectId);
    await supersedeQueuedJobs(projectId, TEMPLATE_COUNT_JOB, tx);
    await recordAudit(
      {
        projectId,
        actorId: actor.userId,
        apiKeyId: actor.apiKeyId ?? null,
        action: "project.chat_template",
        targetType: "Project",
        targetId: projectId,
        data: { template: spec },
      },
      tx,
    );
  });
  // Once more after the commit: an approval whose transaction overlapped the change read the old
  // template and was not yet approved in the UPDATE's snapshot (unchanged rows are not rewritten).
  await refreshRuleTokens(pgPool(), projectId);
  const job = spec ? await templateCountJob.enqueue({ projectId, params: {}, createdById: actor.userId }) : null;
  return { template: spec, job };
}
