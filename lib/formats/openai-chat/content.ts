/**
 * Chat Completions message content (string, null, or parts) and the vendor-specific places
 * open-weight servers put reasoning (`reasoning_content`, `reasoning`, `reasoning_details`,
 * `thinking`, inline `<think>`).
 */
import type { MediaPlaceholder, StepOf } from "@/lib/trajectory/types";
import { arr, isRec, str } from "@/lib/formats/normalize/json-guards";
import { fromDataUrl, mediaPlaceholder, placeholderText } from "@/lib/formats/normalize/media";
import type { StepBase } from "@/lib/formats/normalize/step-base";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";

export interface ContentText {
  text: string;
  media: MediaPlaceholder[];
}

const TEXT_PARTS = new Set(["text", "input_text", "output_text", "refusal"]);
/** LLaMA-Factory's `{type, value}` parts name a tool's output this way. */
const VALUE_TEXT_PARTS = new Set(["observation", "tool_result", "function_response"]);

export function contentText(content: unknown, skipped: WarningCounter): ContentText {
  if (typeof content === "string") return { text: content, media: [] };
  if (content === null || content === undefined) return { text: "", media: [] };
  const parts: string[] = [];
  const media: MediaPlaceholder[] = [];
  const addMedia = (m: MediaPlaceholder | null, fallback: string) => {
    if (m) {
      media.push(m);
      parts.push(placeholderText(m));
    } else parts.push(fallback);
  };
  for (const p of Array.isArray(content) ? content : [content]) {
    if (typeof p === "string") {
      parts.push(p);
      continue;
    }
    if (!isRec(p)) continue;
    const type = str(p.type) ?? (typeof p.text === "string" ? "text" : "");
    if (TEXT_PARTS.has(type)) parts.push(str(p.text) ?? str(p.refusal) ?? str(p.value) ?? "");
    else if (VALUE_TEXT_PARTS.has(type) && typeof p.value === "string") parts.push(p.value);
    else if (type === "image_url" || type === "input_image") {
      const url = isRec(p.image_url) ? str(p.image_url.url) : str(p.image_url);
      addMedia(url ? fromDataUrl(url) : null, `[image: ${url ?? "?"}]`);
    } else if (type === "input_audio" && isRec(p.input_audio) && typeof p.input_audio.data === "string") {
      addMedia(mediaPlaceholder(p.input_audio.data, `audio/${str(p.input_audio.format) ?? "wav"}`), "[audio]");
    } else if (type === "input_file") {
      const data = str(p.file_data);
      addMedia(data ? fromDataUrl(data) : null, `[file: ${str(p.filename) ?? str(p.file_id) ?? "?"}]`);
    } else if (type === "file" && isRec(p.file)) {
      const data = str(p.file.file_data);
      addMedia(data ? fromDataUrl(data) : null, `[file: ${str(p.file.filename) ?? str(p.file.file_id) ?? "?"}]`);
    } else skipped.add(`content part(s) of type \`${type || "(none)"}\``);
  }
  return { text: parts.join("\n"), media };
}

/** Reasoning carried in side fields of an assistant message, deduplicated by text. */
export function reasoningFields(m: Record<string, unknown>, base: StepBase): StepOf<"reasoning">[] {
  const steps: StepOf<"reasoning">[] = [];
  const seen = new Set<string>();
  const push = (text: string, opaque?: string) => {
    const key = text.trim();
    if (key !== "" && seen.has(key)) {
      const prior = steps.find((s) => s.text.trim() === key);
      if (prior && opaque && !prior.opaque) prior.opaque = opaque;
      return;
    }
    if (key === "" && !opaque) return;
    seen.add(key);
    steps.push({ kind: "reasoning", text, hidden: key === "", ...(opaque ? { opaque } : {}), ...base });
  };
  const direct = str(m.reasoning_content) ?? str(m.reasoning) ?? str(m.thinking);
  if (direct) push(direct);
  for (const d of arr(m.reasoning_details)) {
    if (!isRec(d)) continue;
    if (d.type === "reasoning.encrypted") push("", str(d.data));
    else push(str(d.text) ?? str(d.summary) ?? "", str(d.signature));
  }
  return steps;
}

/**
 * LLaMA-Factory's newer message parts (`{type, value}`, its `reason_tool_use` data): an assistant
 * message lists `reasoning`, `text` and `tool_call` parts in order, a tool call's value being the
 * JSON string `{"name", "arguments"}`. Splits them off; the rest is ordinary content.
 */
export interface ValueParts {
  reasoning: string[];
  calls: { name?: string; arguments: unknown; id?: string }[];
  rest: unknown;
}

const CALL_PARTS = new Set(["tool_call", "function_call"]);

export function splitValueParts(content: unknown): ValueParts {
  const out: ValueParts = { reasoning: [], calls: [], rest: content };
  if (!Array.isArray(content) || !content.some((p) => isRec(p) && typeof p.value === "string")) return out;
  const rest: unknown[] = [];
  for (const p of content) {
    if (!isRec(p) || typeof p.value !== "string") rest.push(p);
    else if (p.type === "reasoning" || p.type === "thinking") out.reasoning.push(p.value);
    else if (typeof p.type === "string" && CALL_PARTS.has(p.type)) {
      let v: unknown = p.value;
      try {
        v = JSON.parse(p.value);
      } catch {
        // Kept as the raw string: the call shows its unparsed arguments.
      }
      const id = str(p.tool_call_id) ?? str(p.id);
      for (const c of Array.isArray(v) ? v : [v]) {
        if (isRec(c))
          out.calls.push({ name: str(c.name), arguments: c.arguments ?? c.parameters ?? {}, ...(id ? { id } : {}) });
        else out.calls.push({ arguments: c, ...(id ? { id } : {}) });
      }
    } else rest.push(p);
  }
  out.rest = rest;
  return out;
}
