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
import { RECOUNT_JOB, recountJob } from "@/lib/tokens/recount-job";
import { supersedeQueuedJobs } from "@/lib/jobs/job-queue";
import { recordAudit } from "@/lib/audit/record-audit";

export const TokenizerChangeSchema = z.object({ tokenizer: z.string().trim().min(1).max(200) });

/** What Settings offers: the bundled tokenizer and each model folder with a tokenizer.json. */
export async function tokenizerChoices(): Promise<{ specs: string[] }> {
  return { specs: [O200K_ID, ...(await listModels()).map((m) => HF_PREFIX + m)] };
}

export async function changeProjectTokenizer(projectId: string, requested: string, actorId: string) {
  const spec = normalizeTokenizerSpec(requested);
  const tokenizer = await loadTokenizer(spec);
  const project = await db().$transaction(async (tx) => {
    const updated = await tx.project.update({
      where: { id: projectId },
      data: { tokenizer: spec },
      select: { id: true, slug: true, tokenizer: true },
    });
    await supersedeQueuedJobs(projectId, RECOUNT_JOB, tx);
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
    return updated;
  });
  // The job engine writes its own transaction (the Job view row and pg-boss's job together); the
  // recount is idempotent, and a failed enqueue is reported to the caller, who can set it again.
  const job = await recountJob.enqueue({ projectId, params: { tokenizer: tokenizer.id }, createdById: actorId });
  return { project, job };
}
