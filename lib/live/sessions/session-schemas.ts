/**
 * The payloads of the ingest protocol, shared by the agent socket events (lib/live/ingest) and the
 * HTTP fallback (app/api/projects/[slug]/live): one validation, one set of messages.
 */
import { z } from "zod";
import { LIVE_LIMITS } from "@/lib/live/sessions/live-limits";
import { ToolDefinitionSchema } from "@/lib/trajectory/types";

export const SessionId = z.string().uuid("the session id must be a UUID chosen by the agent");

export const OpenSessionSchema = z.object({
  session: SessionId,
  format: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "a format name such as claude-code or limi-runner"),
  agent: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  queryId: z.string().min(1).max(64).optional(),
  cwd: z.string().max(4096).optional(),
  title: z.string().max(500).optional(),
  tools: z.array(ToolDefinitionSchema).max(500).optional(),
  /** "inject": the agent turns feedback into a user turn (the runner); "print": it cannot. */
  feedback: z.enum(["inject", "print"]).optional(),
});
export type OpenSessionInput = z.infer<typeof OpenSessionSchema>;

/** A step as sent: validated against the canonical step schema after the envelope (see append). */
export const SentStepSchema = z.object({
  seq: z.number().int().min(1),
  step: z.unknown(),
  /** The source's own id for the step, when the format has one. */
  sourceId: z.string().max(200).optional(),
  /** Feedback the agent is delivering as this (human) step. */
  feedbackId: z.string().min(1).max(64).optional(),
});

export const RewriteSchema = z.object({
  seq: z.number().int().min(1),
  /** The step as the source now has it; null when it disappeared. */
  step: z.unknown().nullable(),
});

export const StepsBatchSchema = z.object({
  session: SessionId,
  steps: z.array(SentStepSchema).max(LIVE_LIMITS.maxBatchSteps),
  rewrites: z.array(RewriteSchema).max(LIVE_LIMITS.maxBatchSteps).optional(),
});
export type StepsBatch = z.infer<typeof StepsBatchSchema>;

export const SessionRefSchema = z.object({ session: SessionId });

export const FeedbackSchema = z.object({
  text: z.string().trim().min(1, "write some feedback").max(LIVE_LIMITS.maxFeedbackChars),
});

export const ControlSchema = z.object({ action: z.enum(["pause", "resume", "stop"]) });
