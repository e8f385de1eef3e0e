/**
 * The recount as a background job: started by a tokenizer change (lib/projects/project-tokenizer.ts).
 * Idempotent (every count is recomputed from the bodies), so a takeover after a crash simply runs
 * it again; transient database failures are retried with backoff.
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { recountProjectTokens } from "@/lib/tokens/recount-tokens";

export const RECOUNT_JOB = "tokens.recount";

export const recountJob = defineJob({
  kind: RECOUNT_JOB,
  params: z.object({ tokenizer: z.string().min(1).max(1000) }),
  concurrency: 1,
  retries: { limit: 3, delaySeconds: 10 },
  run: (_params, ctx) => recountProjectTokens(ctx.projectId, ctx.progress, ctx.signal),
});
