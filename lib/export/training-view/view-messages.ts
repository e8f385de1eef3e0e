/**
 * The messages the training view renders from canonical steps: the `limi` messages, except that
 * a call whose arguments did not parse keeps its raw string, so the template shows (and the view
 * reports) what the trainer would get instead of a silent `{}`.
 */
import { toLimiMessages, toLimiTools } from "@/lib/export/limi-format";
import type { ViewMessage, ViewSample } from "@/lib/export/training-view/render";
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

export function viewSample(tools: readonly ToolDefinition[], steps: readonly ParsedStep[]): ViewSample {
  const { messages } = toLimiMessages(steps);
  const raw = new Map<string, string>();
  for (const s of steps) if (s.kind === "tool_call" && s.arguments === null) raw.set(s.callId, s.argumentsRaw ?? "");
  const out: ViewMessage[] = messages.map((m) =>
    m.role === "assistant" && m.tool_calls?.some((c) => raw.has(c.id))
      ? {
          ...m,
          tool_calls: m.tool_calls.map((c) =>
            raw.has(c.id) ? { ...c, function: { name: c.function.name, arguments: raw.get(c.id) } } : c,
          ),
        }
      : m,
  );
  return { tools: toLimiTools(tools), messages: out };
}
