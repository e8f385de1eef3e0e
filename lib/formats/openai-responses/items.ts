/**
 * Responses API items → canonical steps. Shared by the Responses importer and Codex CLI, whose
 * rollouts record the same item vocabulary. Calls and outputs join by `call_id`, never `id`.
 */
import type { ParsedStep, StepOf } from "@/lib/trajectory/types";
import { arr, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import type { StepBase } from "@/lib/formats/normalize/step-base";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { contentText } from "@/lib/formats/openai-chat/content";
import { toolOutput } from "@/lib/formats/openai-responses/tool-output";

export const ITEM_TYPES = new Set([
  "message",
  "reasoning",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "custom_tool_call_output",
  "local_shell_call",
  "local_shell_call_output",
  "web_search_call",
  "file_search_call",
  "computer_call",
  "computer_call_output",
  "code_interpreter_call",
  "image_generation_call",
  "mcp_call",
  "mcp_list_tools",
  "compaction",
  "compaction_summary",
  "item_reference",
]);

export interface ItemContext {
  base: StepBase;
  callNames: Map<string, string>;
  skipped: WarningCounter;
}

/** An item of a Responses `input`/`output` list (typed, or an untyped `{role, content}` message). */
export const isItem = (v: unknown): v is Rec =>
  isRec(v) &&
  (typeof v.type === "string"
    ? ITEM_TYPES.has(v.type)
    : typeof v.role === "string" && "content" in v && !("messages" in v));

const callIdOf = (item: Rec): string => str(item.call_id) ?? str(item.id) ?? "";

export function messageStep(item: Rec, ctx: ItemContext): ParsedStep | null {
  const { text, media } = contentText(item.content, ctx.skipped);
  if (text.trim() === "" && !media.length) return null;
  const role = str(item.role) ?? "assistant";
  const kind = role === "user" ? "human" : role === "system" || role === "developer" ? "system" : "assistant";
  return { kind, text, ...ctx.base, ...(media.length ? { media } : {}) };
}

export function reasoningStep(item: Rec, ctx: ItemContext): StepOf<"reasoning"> {
  const texts = [...arr(item.summary), ...arr(item.content)]
    .map((p) => (isRec(p) ? (str(p.text) ?? "") : typeof p === "string" ? p : ""))
    .filter((t) => t.trim() !== "");
  const text = texts.join("\n\n");
  const opaque = str(item.encrypted_content);
  return { kind: "reasoning", text, hidden: text === "", ...(opaque ? { opaque } : {}), ...ctx.base };
}

function callStep(item: Rec, ctx: ItemContext, name: string, args: unknown): StepOf<"tool_call"> {
  const callId = callIdOf(item);
  ctx.callNames.set(callId, name);
  return { kind: "tool_call", callId, name, ...normalizeArguments(args), ...ctx.base };
}

function resultStep(item: Rec, ctx: ItemContext): StepOf<"tool_result"> {
  const callId = callIdOf(item);
  const out = toolOutput(item.output, ctx.skipped);
  const name = ctx.callNames.get(callId);
  return {
    kind: "tool_result",
    callId,
    ...(name ? { name } : {}),
    output: out.text,
    isError: out.isError || item.status === "failed" || item.status === "incomplete",
    truncated: out.truncated,
    ...(out.structured !== undefined ? { structured: out.structured } : {}),
    ...ctx.base,
    ...(out.media.length ? { media: out.media } : {}),
  };
}

export function itemSteps(item: Rec, ctx: ItemContext): ParsedStep[] {
  const type = str(item.type) ?? (typeof item.role === "string" ? "message" : "");
  switch (type) {
    case "message": {
      const s = messageStep(item, ctx);
      return s ? [s] : [];
    }
    case "reasoning":
      return [reasoningStep(item, ctx)];
    case "function_call":
      return [callStep(item, ctx, str(item.name) ?? "unknown", item.arguments)];
    case "custom_tool_call":
      return [callStep(item, ctx, str(item.name) ?? "unknown", item.input)];
    case "local_shell_call":
      return [callStep(item, ctx, "local_shell", item.action)];
    case "computer_call":
      return [callStep(item, ctx, "computer", item.action)];
    case "function_call_output":
    case "custom_tool_call_output":
    case "local_shell_call_output":
    case "computer_call_output":
      return [resultStep(item, ctx)];
    case "web_search_call": {
      const action = isRec(item.action) ? item.action : {};
      const query =
        str(action.query) ??
        arr(action.queries)
          .filter((q) => typeof q === "string")
          .join("; ");
      return [
        { kind: "meta", subtype: "other", text: `web search${query ? `: ${query}` : ""}`, data: item, ...ctx.base },
      ];
    }
    case "compaction":
    case "compaction_summary":
      return [{ kind: "meta", subtype: "compaction", text: "context compacted", ...ctx.base }];
    default:
      ctx.skipped.add(`item(s) of type \`${type || "(none)"}\``);
      return [];
  }
}
