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
  return { tools: toLimiTools(tools), messages: toLimiMessages(steps).messages };
}

export function toLimiTools(tools: readonly ToolDefinition[]): LimiSample["tools"] {
  return tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...(t.parameters ? { parameters: t.parameters } : {}),
    },
  }));
}

/**
 * The messages, and for each step the index of the message it went into (-1 when it is not
 * training text): DPO pairs and PRM labels find an edited or first-error step's turn through it.
 */
export function toLimiMessages(steps: readonly ParsedStep[]): { messages: LimiMessage[]; messageOf: number[] } {
  const messages: LimiMessage[] = [];
  const messageOf: number[] = new Array<number>(steps.length).fill(-1);
  // An assistant turn gathers its reasoning, text and calls until a non-assistant step.
  let turn: Extract<LimiMessage, { role: "assistant" }> | null = null;
  let turnIndex = -1;
  const openTurn = () => {
    if (!turn) {
      turn = { role: "assistant", content: "" };
      turnIndex = messages.push(turn) - 1;
    }
    return turn;
  };
  steps.forEach((s, i) => {
    if (s.sidechain) return;
    switch (s.kind) {
      case "system":
        turn = null;
        messageOf[i] = messages.push({ role: "system", content: s.text }) - 1;
        break;
      case "human":
        turn = null;
        messageOf[i] = messages.push({ role: "user", content: s.text }) - 1;
        break;
      case "assistant": {
        const t = openTurn();
        t.content = t.content ? `${t.content}\n\n${s.text}` : s.text;
        messageOf[i] = turnIndex;
        break;
      }
      case "reasoning": {
        if (s.hidden || !s.text) break;
        const t = openTurn();
        t.reasoning_content = t.reasoning_content ? `${t.reasoning_content}\n\n${s.text}` : s.text;
        messageOf[i] = turnIndex;
        break;
      }
      case "tool_call": {
        const t = openTurn();
        (t.tool_calls ??= []).push({
          id: s.callId,
          type: "function",
          function: { name: s.name, arguments: s.arguments ?? {} },
        });
        messageOf[i] = turnIndex;
        break;
      }
      case "tool_result":
        turn = null;
        messageOf[i] = messages.push({ role: "tool", content: s.output, tool_call_id: s.callId }) - 1;
        break;
      default:
        break;
    }
  });
  return { messages, messageOf };
}
