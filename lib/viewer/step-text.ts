/**
 * The one editable field of each step kind, as text: a text step's text, a tool call's arguments
 * (pretty JSON, or the raw string when they never parsed), a tool result's output. The same text
 * is what the editor shows, what range annotations index into (lib/trajectory/annotation-anchors)
 * and what the diff compares, so offsets mean the same thing everywhere.
 */
import { fieldText } from "@/lib/trajectory/annotation-anchors";
import type { ParsedStep, StepKind } from "@/lib/viewer/types";

export type EditableField = "text" | "arguments" | "output";

export function editableField(kind: StepKind): EditableField {
  if (kind === "tool_call") return "arguments";
  if (kind === "tool_result") return "output";
  return "text";
}

export function editableText(step: ParsedStep): string {
  return fieldText(step, editableField(step.kind)) ?? "";
}

/** The step with its editable field replaced; arguments that no longer parse are kept raw. */
export function withEditedText(step: ParsedStep, text: string): ParsedStep {
  switch (step.kind) {
    case "tool_call": {
      const { argumentsRaw: _raw, ...rest } = step;
      let parsed: unknown = undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: kept verbatim as the raw string; the save reports it as a warning.
        parsed = undefined;
      }
      const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
      return isObject
        ? { ...rest, arguments: parsed as Record<string, unknown> }
        : { ...rest, arguments: null, argumentsRaw: text };
    }
    case "tool_result":
      return { ...step, output: text };
    default:
      return { ...step, text };
  }
}

/**
 * A tool result with its error flag set or cleared by a person (`errorSource: "flagged"`), so the
 * flag reads apart from the source's own and from detected failures. Unchanged when it already
 * says so; other kinds are returned as they are.
 */
export function withErrorFlag(step: ParsedStep, isError: boolean): ParsedStep {
  if (step.kind !== "tool_result" || step.isError === isError) return step;
  return { ...step, isError, errorSource: "flagged" };
}

/** Kinds a person may insert: a corrective human note, an assistant summary, a system note. */
export const INSERTABLE_KINDS = ["human", "assistant", "system"] as const;
export type InsertableKind = (typeof INSERTABLE_KINDS)[number];

export function newStep(kind: InsertableKind, text = ""): ParsedStep {
  return { kind, text };
}

/** What the revision diff compares for one step: a header naming it, then its editable text. */
export function stepDiffText(step: ParsedStep | null): string {
  if (!step) return "";
  const flags: string[] = [];
  if (step.kind === "tool_result") {
    if (step.isError) flags.push("error");
    if (step.truncated) flags.push("truncated");
  }
  const head =
    step.kind === "tool_call"
      ? `[tool_call ${step.name} ${step.callId}]`
      : step.kind === "tool_result"
        ? `[tool_result ${step.callId}${flags.length ? ` ${flags.join(" ")}` : ""}]`
        : `[${step.kind}]`;
  return `${head}\n${editableText(step)}`;
}
