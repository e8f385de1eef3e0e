/**
 * The re-parse job's parameters, validated when the job starts (they come back from the Job
 * table's JSON), so the handler ports to another queue as `(params) => reparseProject(params)`.
 */
import { z } from "zod";

export const REPARSE_JOB = "import.reparse";

export const ReparseParamsSchema = z
  .object({
    projectId: z.string().min(1),
    /** Who asked: the author of the "re-parsed" revisions. */
    actorId: z.string().min(1),
    /** Only these kept originals (default: every original of the project). */
    sourceFileIds: z.array(z.string().min(1)).max(10_000).optional(),
  })
  .strict();
export type ReparseParams = z.infer<typeof ReparseParamsSchema>;
