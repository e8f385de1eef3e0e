/**
 * The review settings' shape and defaults (browser-safe): the rubric of criteria with their scales,
 * reviews required per revision, the agreement threshold below which a lead adjudicates, the claim
 * time-to-live, and whether new trajectories enter review on their own.
 */
import { z } from "zod";

export const CriterionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "a criterion key is lower-case letters, digits and _ (at most 40)"),
    label: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).default(""),
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(10),
  })
  .refine((c) => c.max > c.min, { message: "max must be above min", path: ["max"] });
export type Criterion = z.infer<typeof CriterionSchema>;

export const ReviewSettingsSchema = z.object({
  rubric: z
    .array(CriterionSchema)
    .min(1, "the rubric needs at least one criterion")
    .max(20)
    .refine((r) => new Set(r.map((c) => c.key)).size === r.length, { message: "criterion keys must be unique" }),
  requiredReviews: z.number().int().min(1).max(10),
  agreementThreshold: z.number().min(0).max(1),
  claimTtlSeconds: z
    .number()
    .int()
    .min(30)
    .max(24 * 3600),
  queueNewTrajectories: z.boolean(),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

const c = (key: string, label: string, description: string): Criterion => ({ key, label, description, min: 1, max: 5 });

export const DEFAULT_RUBRIC: Criterion[] = [
  c("task_completion", "Task completion", "Did the trajectory accomplish what the query asked?"),
  c("correctness", "Correctness", "Are the code, facts and tool results it relies on right?"),
  c("planning", "Planning quality", "Does it plan, decompose and adjust sensibly?"),
  c("tool_use", "Tool-use efficiency", "Are tool calls purposeful, without dead ends or repetition?"),
  c("human_feedback", "Value of human feedback", "Does the human's guidance teach something worth learning?"),
  c("safety", "Safety", "No secrets, destructive commands or unsafe actions."),
];

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  rubric: DEFAULT_RUBRIC,
  requiredReviews: 2,
  agreementThreshold: 0.75,
  claimTtlSeconds: 1800,
  queueNewTrajectories: true,
};

export const VERDICTS = ["accept", "reject", "needs_changes"] as const;
export type Verdict = (typeof VERDICTS)[number];
