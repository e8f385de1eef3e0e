/**
 * The re-parse as a background job (lib/jobs' engine). It is safe to run again from the start: a
 * trajectory already re-parsed parses the same as its head and gets no second revision.
 */
import { defineJob } from "@/lib/jobs/define-job";
import { REPARSE_JOB, ReparseParamsSchema } from "@/lib/import/reparse/reparse-params";
import { reparseProject } from "@/lib/import/reparse/reparse-project";

export const reparseJob = defineJob({
  kind: REPARSE_JOB,
  params: ReparseParamsSchema,
  concurrency: 1,
  run: async (params, ctx) => {
    await reparseProject(params, { progress: ctx.progress, jobId: ctx.jobId });
  },
});
