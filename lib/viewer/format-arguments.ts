/**
 * Tool-call arguments as the viewer shows them: pretty JSON when they parsed, the raw string as it
 * was (flagged "unparsed") when they did not. Never HTML: the result goes into a text node.
 */
import type { ParsedStep } from "@/lib/viewer/types";

type ToolCall = Extract<ParsedStep, { kind: "tool_call" }>;

export interface FormattedArguments {
  text: string;
  unparsed: boolean;
}

export function formatArguments(step: Pick<ToolCall, "arguments" | "argumentsRaw">): FormattedArguments {
  if (step.arguments !== null && step.arguments !== undefined)
    return { text: JSON.stringify(step.arguments, null, 2), unparsed: false };
  return { text: step.argumentsRaw ?? "", unparsed: true };
}

/**
 * Top-level string arguments that span several lines (file contents, patches, scripts), which
 * read badly as JSON string escapes; the viewer can show them verbatim instead.
 */
export function multilineArguments(args: Record<string, unknown> | null): Array<{ name: string; value: string }> {
  if (!args) return [];
  return Object.entries(args)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].includes("\n"))
    .map(([name, value]) => ({ name, value }));
}
