/**
 * The canonical trajectory model. Every format maps into it; the viewer, review, curation and
 * export read only it. Parsers produce `ParsedTrajectory`; the importer adds stable step keys and
 * token counts (`CanonicalStep`) before storing.
 */
import { z } from "zod";
import { exceedsJsonDepth, jsonDepthMessage } from "@/lib/trajectory/json-depth";

/** A JSON object or value of bounded nesting (see lib/trajectory/json-depth.ts). */
const boundedRecord = () =>
  z.record(z.string(), z.unknown()).refine((v) => !exceedsJsonDepth(v), { message: jsonDepthMessage });
const boundedValue = () => z.unknown().refine((v) => !exceedsJsonDepth(v), { message: jsonDepthMessage });

export const STEP_KINDS = [
  "system",
  "human",
  "assistant",
  "reasoning",
  "tool_call",
  "tool_result",
  "error",
  "meta",
] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

/** Token usage as reported by the source (not our own count). */
export const UsageSchema = z
  .object({
    input: z.number().int().nonnegative().optional(),
    output: z.number().int().nonnegative().optional(),
    cacheRead: z.number().int().nonnegative().optional(),
    cacheWrite: z.number().int().nonnegative().optional(),
    reasoning: z.number().int().nonnegative().optional(),
    total: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Usage = z.infer<typeof UsageSchema>;

/** A base64 image/file replaced by a placeholder: the bytes are never kept as step text. */
export const MediaPlaceholderSchema = z.object({
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type MediaPlaceholder = z.infer<typeof MediaPlaceholderSchema>;

const stepBase = {
  /** ISO-8601 UTC, normalised. */
  timestamp: z.string().datetime({ offset: true }).optional(),
  /** The source's own timestamp value, kept as it was (string or epoch number). */
  timestampRaw: z.union([z.string(), z.number()]).optional(),
  usage: UsageSchema.optional(),
  /** Where the step came from in the source: 1-based line of a JSONL file, a record id. */
  source: z.object({ line: z.number().int().positive().optional(), id: z.string().optional() }).strict().optional(),
  /** Set on steps of a sub-agent (Claude Code sidechain and the like). */
  sidechain: z.boolean().optional(),
  media: z.array(MediaPlaceholderSchema).optional(),
};

const textStep = <K extends "system" | "human" | "assistant">(kind: K) =>
  z.object({ kind: z.literal(kind), text: z.string(), ...stepBase }).strict();

export const SystemStepSchema = textStep("system");
export const HumanStepSchema = textStep("human");
export const AssistantStepSchema = textStep("assistant");

export const ReasoningStepSchema = z
  .object({
    kind: z.literal("reasoning"),
    /** Readable thinking text; empty when only opaque reasoning exists. */
    text: z.string(),
    /** True when the reasoning is opaque/encrypted/redacted and cannot be read. */
    hidden: z.boolean(),
    /** Opaque payload (signature, encrypted_content, redacted data), kept so nothing is lost. */
    opaque: z.string().optional(),
    ...stepBase,
  })
  .strict();

export const ToolCallStepSchema = z
  .object({
    kind: z.literal("tool_call"),
    callId: z.string(),
    name: z.string(),
    /** Parsed arguments; null when the raw string did not parse as a JSON object. */
    arguments: boundedRecord().nullable(),
    /** The original string, kept when it did not parse (or was not an object). */
    argumentsRaw: z.string().optional(),
    /** No tool_result with this callId exists in the trajectory. */
    orphan: z.boolean().optional(),
    ...stepBase,
  })
  .strict();

export const ToolResultStepSchema = z
  .object({
    kind: z.literal("tool_result"),
    callId: z.string(),
    name: z.string().optional(),
    output: z.string(),
    isError: z.boolean(),
    /**
     * Who decided the flag: "source" (an error flag of the format; the default when absent),
     * "detected" (no flag in the source; the documented text heuristic of
     * lib/formats/normalize/detected-failure.ts recognised a failure in the output) or "flagged" (a
     * person set or cleared the flag in an edit; with `isError: false` it records a cleared flag,
     * which detection never overrides).
     */
    errorSource: z.enum(["source", "detected", "flagged"]).optional(),
    truncated: z.boolean(),
    /** Tool-specific structured result (e.g. Claude Code `toolUseResult`), kept as-is. */
    structured: boundedValue().optional(),
    /** No tool_call with this callId exists in the trajectory. */
    orphan: z.boolean().optional(),
    ...stepBase,
  })
  .strict();

export const ErrorStepSchema = z
  .object({ kind: z.literal("error"), text: z.string(), code: z.string().optional(), ...stepBase })
  .strict();

export const META_SUBTYPES = ["compaction", "interruption", "subagent", "summary", "environment", "other"] as const;
export const MetaStepSchema = z
  .object({
    kind: z.literal("meta"),
    subtype: z.enum(META_SUBTYPES),
    text: z.string(),
    data: boundedValue().optional(),
    ...stepBase,
  })
  .strict();

export const ParsedStepSchema = z.discriminatedUnion("kind", [
  SystemStepSchema,
  HumanStepSchema,
  AssistantStepSchema,
  ReasoningStepSchema,
  ToolCallStepSchema,
  ToolResultStepSchema,
  ErrorStepSchema,
  MetaStepSchema,
]);
export type ParsedStep = z.infer<typeof ParsedStepSchema>;
export type StepOf<K extends StepKind> = Extract<ParsedStep, { kind: K }>;

/** A tool definition in JSON-Schema terms (Gemini upper-case types already lowered). */
export const ToolDefinitionSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: boundedRecord().optional(),
  })
  .strict();
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

export const SourceMetaSchema = z
  .object({
    agent: z.string().optional(),
    model: z.string().optional(),
    cwd: z.string().optional(),
    sessionId: z.string().optional(),
    version: z.string().optional(),
    startedAt: z.string().datetime({ offset: true }).optional(),
    endedAt: z.string().datetime({ offset: true }).optional(),
    /** Anything else worth keeping from the source header (git branch, instructions id, ...). */
    extra: boundedRecord().optional(),
  })
  .strict();
export type SourceMeta = z.infer<typeof SourceMetaSchema>;

export const ParsedTrajectorySchema = z
  .object({
    /** Registry name of the format that produced it. */
    format: z.string(),
    title: z.string().optional(),
    tools: z.array(ToolDefinitionSchema),
    steps: z.array(ParsedStepSchema),
    source: SourceMetaSchema,
    /** Usage totals reported by the source (counted once per API message). */
    usage: UsageSchema.optional(),
    /** Non-fatal findings: dropped unknown records, orphans, replaced media. */
    warnings: z.array(z.string()),
  })
  .strict();
export type ParsedTrajectory = z.infer<typeof ParsedTrajectorySchema>;

/** A step as stored: a stable key (survives edits of other steps) and our own token count. */
export type CanonicalStep = ParsedStep & { key: string; tokens: number };
