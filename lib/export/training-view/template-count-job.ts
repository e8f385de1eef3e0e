/**
 * The exact token count of every revision under the project's chat template, as a background job:
 * queued when an admin sets the template and after a revision is written (import, edit, revert,
 * re-parse). Each run counts the revisions not yet counted under the current template (or counted
 * before the per-message counts were stored), so it is idempotent and a takeover simply continues.
 * The per-message counts let the training view of a counted revision skip the tokenizer. A
 * revision the template cannot render as intended still gets the count of what it renders (the
 * view lists the findings).
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { defineJob } from "@/lib/jobs/define-job";
import { logError } from "@/lib/log";
import { loadTemplate, projectTemplateSpec, renderRevision } from "@/lib/export/training-view/project-template";
import { setTemplateTokens } from "@/lib/trajectory/store/template-tokens";

export const TEMPLATE_COUNT_JOB = "training.count";

export async function countTemplateTokens(
  projectId: string,
  progress: (done: number, total: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  const spec = await projectTemplateSpec(projectId);
  if (!spec) return 0;
  const template = await loadTemplate(spec);
  const { rows } = await pgPool().query<{ trajectoryId: string; number: number }>(
    `SELECT r."trajectoryId", r."number" FROM "Revision" r JOIN "Trajectory" t ON t."id" = r."trajectoryId"
      WHERE r."projectId"=$1 AND t."deletedAt" IS NULL AND (r."templateId" IS DISTINCT FROM $2 OR coalesce(cardinality(r."templateMessageTokens"), 0) = 0)
      ORDER BY r."trajectoryId", r."number"`,
    [projectId, spec],
  );
  let done = 0;
  for (const r of rows) {
    if (signal?.aborted) break;
    const out = await renderRevision(projectId, r.trajectoryId, r.number, template);
    await setTemplateTokens(out.revisionId, spec, out.view.tokenCount, out.messageTokens);
    await progress(++done, rows.length);
  }
  return done;
}

export const templateCountJob = defineJob({
  kind: TEMPLATE_COUNT_JOB,
  params: z.object({}).strict(),
  concurrency: 1,
  retries: { limit: 3, delaySeconds: 10 },
  run: async (_params, ctx) => {
    await countTemplateTokens(ctx.projectId, ctx.progress, ctx.signal);
  },
});

/**
 * After a revision is written (and committed): queue a count when the project has a template and
 * no count is queued already. Counting is best effort: a failure to queue leaves the column null
 * (the next run counts it) and never fails the write.
 */
export async function scheduleTemplateCount(projectId: string): Promise<void> {
  try {
    const p = await db().project.findUnique({ where: { id: projectId }, select: { chatTemplate: true } });
    if (!p?.chatTemplate) return;
    const queued = await db().job.findFirst({
      where: { projectId, kind: TEMPLATE_COUNT_JOB, status: "queued" },
      select: { id: true },
    });
    if (queued) return;
    await templateCountJob.enqueue({ projectId, params: {} });
  } catch (e) {
    logError(`could not queue the template count of project ${projectId}`, e);
  }
}
