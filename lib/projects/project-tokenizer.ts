/**
 * Changing a project's tokenizer: the model is loaded first (a missing or malformed tokenizer.json
 * is refused naming the model's file, never quoting it), then every count is recomputed by a
 * background job with progress. The request names a model of the models folder, never a path.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { loadTokenizer, normalizeTokenizerSpec } from "@/lib/tokens/registry";
import { listModels } from "@/lib/tokens/models-dir";
import { HF_PREFIX } from "@/lib/tokens/hf-tokenizer";
import { O200K_ID } from "@/lib/tokens/o200k";
import { RECOUNT_JOB } from "@/lib/tokens/recount-tokens";
import { enqueueJob, supersedeQueuedJobs } from "@/lib/jobs/job-queue";
import { recordAudit } from "@/lib/audit/record-audit";

export const TokenizerChangeSchema = z.object({ tokenizer: z.string().trim().min(1).max(200) });

/** What Settings offers: the bundled tokenizer and each model folder with a tokenizer.json. */
export async function tokenizerChoices(): Promise<{ specs: string[] }> {
  return { specs: [O200K_ID, ...(await listModels()).map((m) => HF_PREFIX + m)] };
}

export async function changeProjectTokenizer(projectId: string, requested: string, actorId: string) {
  const spec = normalizeTokenizerSpec(requested);
  const tokenizer = await loadTokenizer(spec);
  return db().$transaction(async (tx) => {
    const project = await tx.project.update({
      where: { id: projectId },
      data: { tokenizer: spec },
      select: { id: true, slug: true, tokenizer: true },
    });
    await supersedeQueuedJobs(projectId, RECOUNT_JOB, tx);
    const job = await enqueueJob(
      { projectId, kind: RECOUNT_JOB, params: { tokenizer: tokenizer.id }, createdById: actorId },
      tx,
    );
    await recordAudit(
      {
        projectId,
        actorId,
        action: "project.tokenizer",
        targetType: "Project",
        targetId: projectId,
        data: { tokenizer: spec },
      },
      tx,
    );
    return { project, job };
  });
}
