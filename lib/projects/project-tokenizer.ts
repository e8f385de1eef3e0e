/**
 * Changing a project's tokenizer: the spec is loaded first (a missing or malformed tokenizer.json
 * is refused with its path), then every count is recomputed by a background job with progress.
 */
import { z } from "zod";
import { db } from "@/lib/db/client";
import { getTokenizer } from "@/lib/tokens/registry";
import { RECOUNT_JOB, recountJob } from "@/lib/tokens/recount-job";
import { supersedeQueuedJobs } from "@/lib/jobs/job-queue";
import { recordAudit } from "@/lib/audit/record-audit";

export const TokenizerChangeSchema = z.object({ tokenizer: z.string().trim().min(1).max(1000) });

export async function changeProjectTokenizer(projectId: string, spec: string, actorId: string) {
  const tokenizer = getTokenizer(spec);
  const project = await db().project.update({
    where: { id: projectId },
    data: { tokenizer: spec },
    select: { id: true, slug: true, tokenizer: true },
  });
  await supersedeQueuedJobs(projectId, RECOUNT_JOB);
  const job = await recountJob.enqueue({ projectId, params: { tokenizer: tokenizer.id }, createdById: actorId });
  await recordAudit({
    projectId,
    actorId,
    action: "project.tokenizer",
    targetType: "Project",
    targetId: projectId,
    data: { tokenizer: spec },
  });
  return { project, job };
}
