/**
 * The LIMI training format: `{tools, messages}` in OpenAI chat shape, tool-call arguments as JSON
 * objects (what GLM-4.5's chat template iterates), tool results as `role: "tool"` with
 * `tool_call_id`. Readable reasoning goes to `reasoning_content`; hidden reasoning, errors and meta
 * steps are not training text and are left out.
 */
import type { ParsedStep, ToolDefinition } from "@/lib/trajectory/types";

export interface LimiToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: Record<string, unknown> };
}

export type LimiMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; reasoning_content?: string; tool_calls?: LimiToolCall[] }
  | { role: "tool"; content: string; tool_call_id: string };

export interface LimiSample {
  tools: Array<{
    type: "function";
    function: { name: string; description?: string; parameters?: Record<string, unknown> };
  }>;
  messages: LimiMessage[];
}

export function toLimiSample(tools: readonly ToolDefinition[], steps: readonly ParsedStep[]): LimiSample {
  const messages: LimiMessage[] = [];
  // An assistant turn gathers its reasoning, text and calls until a non-assistant step.
  let turn: Extract<LimiMessage, { role: "assistant" }> | null = null;
  const openTurn = () => {
    if (!turn) {
      turn = { role: "assistant", content: "" };
      messages.push(turn);
    }
    return turn;
  };
  for (const s of steps) {
    if (s.sidechain) continue;
    switch (s.kind) {
      case "system":
        turn = null;
        messages.push({ role: "system", content: s.text });
        break;
      case "human":
        turn = null;
        messages.push({ role: "user", content: s.text });
        break;
      case "assistant": {
        const t = openTurn();
        t.content = t.content ? `${t.content}\n\n${s.text}` : s.text;
        break;
      }
      case "reasoning": {
        if (s.hidden || !s.text) break;
        const t = openTurn();
        t.reasoning_content = t.reasoning_content ? `${t.reasoning_content}\n\n${s.text}` : s.text;
        break;
      }
      case "tool_call": {
        const t = openTurn();
        (t.tool_calls ??= []).push({
          id: s.callId,
          type: "function",
          function: { name: s.name, arguments: s.arguments ?? {} },
        });
        break;
      }
      case "tool_result":
        turn = null;
        messages.push({ role: "tool", content: s.output, tool_call_id: s.callId });
        break;
      default:
        break;
    }
  }
  return {
    tools: tools.map((t) => ({
      type: "function",
      function: {
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        ...(t.parameters ? { parameters: t.parameters } : {}),
      },
    })),
    messages,
  };
}
