/**
 * Anthropic content blocks → canonical steps. Shared by the Messages API importer and Claude Code,
 * whose records embed Messages API messages verbatim.
 */
import type { MediaPlaceholder, ParsedStep, StepOf } from "@/lib/trajectory/types";
import { arr, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { mediaPlaceholder, placeholderText } from "@/lib/formats/normalize/media";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import type { StepBase } from "@/lib/formats/normalize/step-base";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";

export interface BlockContext {
  base: StepBase;
  /** tool_use id → tool name, filled by calls so results can carry the name. */
  callNames: Map<string, string>;
  skipped: WarningCounter;
}

/** Turns the text (and media) a user wrote into a step; Claude Code overrides it for meta text. */
export type UserTextStep = (text: string, media: MediaPlaceholder[], base: StepBase) => ParsedStep | null;

export const humanText: UserTextStep = (text, media, base) => ({
  kind: "human",
  text,
  ...base,
  ...(media.length ? { media } : {}),
});

const CALL_BLOCKS = new Set(["tool_use", "server_tool_use", "mcp_tool_use"]);
const RESULT_BLOCKS = new Set([
  "tool_result",
  "mcp_tool_result",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
]);

/** An image/document block as a placeholder (base64) or a reference line (url/text source). */
export function mediaBlock(b: Rec): { text: string; media?: MediaPlaceholder } {
  const src = isRec(b.source) ? b.source : {};
  if (src.type === "base64" && typeof src.data === "string") {
    const m = mediaPlaceholder(src.data, str(src.media_type) ?? "application/octet-stream");
    return { text: placeholderText(m), media: m };
  }
  if (src.type === "url" && typeof src.url === "string") return { text: `[${String(b.type)}: ${src.url}]` };
  if (src.type === "text" && typeof src.data === "string") return { text: src.data };
  return { text: `[${String(b.type)}]` };
}

/** Text of a tool_result `content`: a string or a list of text/image blocks. */
export function resultContent(content: unknown, skipped: WarningCounter): { text: string; media: MediaPlaceholder[] } {
  if (typeof content === "string") return { text: content, media: [] };
  if (isRec(content)) {
    // Server tools report failures as a single `{type:"…_error", error_code}` object.
    if (typeof content.type === "string" && content.type.endsWith("_error"))
      return { text: `error: ${String(content.error_code ?? content.type)}`, media: [] };
    return resultContent([content], skipped);
  }
  const parts: string[] = [];
  const media: MediaPlaceholder[] = [];
  for (const b of arr(content)) {
    if (!isRec(b)) continue;
    if (b.type === "text" && typeof b.text === "string") parts.push(b.text);
    else if (b.type === "image" || b.type === "document") {
      const m = mediaBlock(b);
      parts.push(m.text);
      if (m.media) media.push(m.media);
    } else if (b.type === "web_search_result") parts.push(`${str(b.title) ?? ""} ${str(b.url) ?? ""}`.trim());
    else if (b.type === "tool_reference" && typeof b.tool_name === "string") parts.push(`[tool: ${b.tool_name}]`);
    else skipped.add(`tool result block(s) of type \`${String(b.type)}\``);
  }
  return { text: parts.join("\n"), media };
}

export function toolCallStep(b: Rec, ctx: BlockContext): StepOf<"tool_call"> {
  const callId = str(b.id) ?? "";
  const name = str(b.name) ?? "unknown";
  ctx.callNames.set(callId, name);
  return { kind: "tool_call", callId, name, ...normalizeArguments(b.input), ...ctx.base };
}

export function toolResultStep(b: Rec, ctx: BlockContext, structured?: unknown): StepOf<"tool_result"> {
  const callId = str(b.tool_use_id) ?? "";
  const { text, media } = resultContent(b.content, ctx.skipped);
  const errorType = isRec(b.content) && typeof b.content.type === "string" && b.content.type.endsWith("_error");
  const name = ctx.callNames.get(callId);
  return {
    kind: "tool_result",
    callId,
    ...(name ? { name } : {}),
    output: text,
    isError: b.is_error === true || errorType,
    truncated: false,
    ...(structured !== undefined ? { structured } : {}),
    ...ctx.base,
    ...(media.length ? { media } : {}),
  };
}

/** Assistant content: thinking, text, tool calls, in order; adjacent text blocks become one step. */
export function assistantContent(content: unknown, ctx: BlockContext): ParsedStep[] {
  if (typeof content === "string")
    return content.trim() === "" ? [] : [{ kind: "assistant", text: content, ...ctx.base }];
  const steps: ParsedStep[] = [];
  let text: string[] = [];
  let media: MediaPlaceholder[] = [];
  const flush = () => {
    const joined = text.join("\n\n");
    if (joined.trim() !== "" || media.length)
      steps.push({ kind: "assistant", text: joined, ...ctx.base, ...(media.length ? { media } : {}) });
    text = [];
    media = [];
  };
  for (const b of arr(content)) {
    if (!isRec(b)) continue;
    const type = str(b.type) ?? "";
    if (type === "text") {
      text.push(str(b.text) ?? "");
      continue;
    }
    if (type === "image" || type === "document") {
      const m = mediaBlock(b);
      text.push(m.text);
      if (m.media) media.push(m.media);
      continue;
    }
    flush();
    if (type === "thinking") {
      const thought = str(b.thinking) ?? "";
      const sig = str(b.signature);
      steps.push({
        kind: "reasoning",
        text: thought,
        hidden: thought.trim() === "",
        ...(sig ? { opaque: sig } : {}),
        ...ctx.base,
      });
    } else if (type === "redacted_thinking") {
      const data = str(b.data);
      steps.push({ kind: "reasoning", text: "", hidden: true, ...(data ? { opaque: data } : {}), ...ctx.base });
    } else if (CALL_BLOCKS.has(type)) steps.push(toolCallStep(b, ctx));
    else if (RESULT_BLOCKS.has(type)) steps.push(toolResultStep(b, ctx));
    else ctx.skipped.add(`content block(s) of type \`${type || "(none)"}\``);
  }
  flush();
  return steps;
}

/**
 * User content: tool results stay tool results (a user-role message is not a human turn by
 * itself); only text and images the person supplied go through `onText`.
 */
export function userContent(
  content: unknown,
  ctx: BlockContext,
  onText: UserTextStep = humanText,
  structured?: unknown,
): ParsedStep[] {
  if (typeof content === "string") {
    const s = content.trim() === "" ? null : onText(content, [], ctx.base);
    return s ? [s] : [];
  }
  const steps: ParsedStep[] = [];
  let text: string[] = [];
  let media: MediaPlaceholder[] = [];
  const flush = () => {
    const joined = text.join("\n\n");
    const s = joined.trim() !== "" || media.length ? onText(joined, media, ctx.base) : null;
    if (s) steps.push(s);
    text = [];
    media = [];
  };
  const blocks = arr(content).filter(isRec);
  const results = blocks.filter((b) => b.type === "tool_result").length;
  for (const b of blocks) {
    const type = str(b.type) ?? "";
    if (type === "text") text.push(str(b.text) ?? "");
    else if (type === "image" || type === "document") {
      const m = mediaBlock(b);
      text.push(m.text);
      if (m.media) media.push(m.media);
    } else if (RESULT_BLOCKS.has(type)) {
      flush();
      // A structured payload belongs to a result only when the record holds exactly one.
      steps.push(toolResultStep(b, ctx, results === 1 ? structured : undefined));
    } else ctx.skipped.add(`content block(s) of type \`${type || "(none)"}\``);
  }
  flush();
  return steps;
}
