/**
 * Converts Gemini API shapes, shared by the Gemini CLI and SII CLI importers: `Content {role, parts}` history
 * to canonical steps, `functionDeclarations` with upper-case Gemini schema types to JSON-Schema
 * tool definitions, and `usageMetadata` to canonical usage.
 */
import type { MediaPlaceholder, ParsedStep, ToolDefinition, Usage } from "@/lib/trajectory/types";
import { mediaPlaceholder, placeholderText } from "@/lib/formats/normalize/media";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import type { NormalizedTime } from "@/lib/formats/normalize/timestamp";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

export { isRec };

// ---------------------------------------------------------------------------------------------
// Schemas and tool declarations

const GEMINI_TYPES: Record<string, string> = {
  STRING: "string",
  NUMBER: "number",
  INTEGER: "integer",
  BOOLEAN: "boolean",
  ARRAY: "array",
  OBJECT: "object",
  NULL: "null",
};

/**
 * Lowers Gemini `Schema` types (`STRING`, `OBJECT`, ...) to JSON-Schema types, recursing only into
 * positions that hold sub-schemas, so an enum value or a default that happens to read "STRING" is
 * left alone.
 */
export function lowerGeminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerGeminiSchema);
  if (!isRec(schema)) return schema;
  const out: Rec = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "type") {
      if (typeof value === "string") {
        // TYPE_UNSPECIFIED carries no constraint; JSON Schema expresses that by omitting `type`.
        if (value === "TYPE_UNSPECIFIED") continue;
        out.type = GEMINI_TYPES[value.toUpperCase()] ?? value.toLowerCase();
      } else if (Array.isArray(value)) {
        out.type = value.map((t) => (typeof t === "string" ? (GEMINI_TYPES[t.toUpperCase()] ?? t.toLowerCase()) : t));
      } else out.type = value;
    } else if (
      (key === "properties" || key === "$defs" || key === "definitions" || key === "patternProperties") &&
      isRec(value)
    ) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerGeminiSchema(v)]));
    } else if (key === "items" || key === "additionalProperties" || key === "not") {
      out[key] = isRec(value) || Array.isArray(value) ? lowerGeminiSchema(value) : value;
    } else if (
      (key === "anyOf" || key === "oneOf" || key === "allOf" || key === "prefixItems") &&
      Array.isArray(value)
    ) {
      out[key] = value.map(lowerGeminiSchema);
    } else out[key] = value;
  }
  return out;
}

/**
 * Reads Gemini `tools` (`[{functionDeclarations:[…]}]`, or a bare declaration list) into the
 * canonical catalogue. Declarations seen again under the same name replace the earlier one in place.
 */
export function geminiToolDefinitions(
  tools: unknown,
  into: Map<string, ToolDefinition>,
  warnings: WarningCounter,
): void {
  if (tools === undefined || tools === null) return;
  const groups = Array.isArray(tools) ? tools : [tools];
  for (const group of groups) {
    const decls =
      isRec(group) && Array.isArray(group.functionDeclarations)
        ? group.functionDeclarations
        : isRec(group) && typeof group.name === "string"
          ? [group]
          : null;
    if (!decls) {
      // googleSearch / codeExecution and similar built-ins declare no function.
      if (isRec(group)) continue;
      warnings.add("tool group(s) that are not objects");
      continue;
    }
    for (const d of decls) {
      if (!isRec(d) || typeof d.name !== "string" || d.name === "") {
        warnings.add("function declaration(s) without a name");
        continue;
      }
      const def: ToolDefinition = { name: d.name };
      if (typeof d.description === "string") def.description = d.description;
      // `parametersJsonSchema` is already JSON Schema; `parameters` uses Gemini upper-case types.
      const params = isRec(d.parametersJsonSchema)
        ? d.parametersJsonSchema
        : isRec(d.parameters)
          ? lowerGeminiSchema(d.parameters)
          : undefined;
      if (isRec(params)) def.parameters = params;
      into.set(d.name, def);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Usage

const count = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;

export function usageFrom(fields: Partial<Record<keyof Usage, unknown>>): Usage | undefined {
  const out: Usage = {};
  for (const [k, v] of Object.entries(fields) as [keyof Usage, unknown][]) {
    const n = count(v);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Gemini API `usageMetadata` (camelCase, or snake_case as some loggers write it). */
export function geminiUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  return usageFrom({
    input: u.promptTokenCount ?? u.prompt_token_count,
    output: u.candidatesTokenCount ?? u.candidates_token_count,
    cacheRead: u.cachedContentTokenCount ?? u.cached_content_token_count,
    reasoning: u.thoughtsTokenCount ?? u.thoughts_token_count,
    total: u.totalTokenCount ?? u.total_token_count,
  });
}

// ---------------------------------------------------------------------------------------------
// Parts

/** The environment preamble Gemini CLI (and forks) send as the first user turn; not a human prompt. */
const SETUP_CONTEXT = /^\s*This is the [\w .-]{1,40}\. We are setting up the context for our chat\./;
export const isSetupContext = (text: string): boolean => SETUP_CONTEXT.test(text);

/**
 * Blocks the CLI injects as user parts (`<session_context>…</session_context>`, the compression's
 * `<state_snapshot>…</state_snapshot>`): one tagged block, nothing typed around it.
 */
const INJECTED_BLOCK = /^\s*<([a-z][a-z0-9_-]*)>[\s\S]*<\/\1>\s*$/;
export function injectedBlock(text: string): "summary" | "environment" | null {
  const m = INJECTED_BLOCK.exec(text);
  if (!m) return null;
  return m[1] === "state_snapshot" ? "summary" : "environment";
}

export function stringifyValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  return JSON.stringify(v);
}

/** Text of parts that are plain text (thoughts excluded), with media replaced by placeholders. */
export function textOfParts(parts: unknown, media: MediaPlaceholder[]): string {
  if (typeof parts === "string") return parts;
  const list = Array.isArray(parts) ? parts : isRec(parts) ? [parts] : [];
  const out: string[] = [];
  for (const p of list) {
    if (typeof p === "string") out.push(p);
    else if (isRec(p)) {
      if (typeof p.text === "string" && p.thought !== true) out.push(p.text);
      else {
        const m = mediaOfPart(p);
        if (m) {
          media.push(m);
          out.push(placeholderText(m));
        } else if (isRec(p.fileData)) out.push(`[file ${stringifyValue(p.fileData.fileUri)}]`);
      }
    }
  }
  return out.join("\n");
}

function mediaOfPart(p: Rec): MediaPlaceholder | null {
  const d = isRec(p.inlineData) ? p.inlineData : isRec(p.inline_data) ? p.inline_data : null;
  if (!d || typeof d.data !== "string") return null;
  const mime =
    typeof d.mimeType === "string"
      ? d.mimeType
      : typeof d.mime_type === "string"
        ? d.mime_type
        : "application/octet-stream";
  return mediaPlaceholder(d.data, mime);
}

export interface FunctionResponseOutput {
  output: string;
  isError: boolean;
  media: MediaPlaceholder[];
}

/** `functionResponse.response` is `{output}` on success and `{error}` on failure (Gemini CLI). */
export function functionResponseOutput(fr: Rec): FunctionResponseOutput {
  const media: MediaPlaceholder[] = [];
  const resp = fr.response;
  let output: string;
  let isError = false;
  if (isRec(resp)) {
    if (resp.error !== undefined && resp.error !== null && resp.error !== "") {
      isError = true;
      const e = resp.error;
      output = isRec(e) && typeof e.message === "string" ? e.message : stringifyValue(e);
      if (resp.output !== undefined && resp.output !== "") output = `${stringifyValue(resp.output)}\n${output}`;
    } else if ("output" in resp) output = stringifyValue(resp.output);
    else if ("content" in resp) output = stringifyValue(resp.content);
    else output = JSON.stringify(resp);
  } else output = stringifyValue(resp);
  // Multimodal responses (a read image) carry their bytes as sibling parts.
  if (Array.isArray(fr.parts)) {
    const extra = textOfParts(fr.parts, media);
    if (extra) output = output ? `${output}\n${extra}` : extra;
  }
  return { output, isError, media };
}

// ---------------------------------------------------------------------------------------------
// Content history → steps

interface PendingCall {
  originalId: string;
  callId: string;
  name: string;
}

export interface StepMeta extends NormalizedTime {
  line?: number;
  id?: string;
}

/**
 * Converts a Gemini `Content[]` history into steps. Stateful across contents because a
 * `functionResponse` answers a `functionCall` of an earlier turn: ids are matched when present,
 * and empty ids (SII CLI, older Gemini) are joined by name and order, with stable generated ids.
 */
export class GeminiContentConverter {
  private readonly pending: PendingCall[] = [];
  private readonly usedIds = new Set<string>();
  private generated = 0;

  constructor(
    private readonly idPrefix: string,
    private readonly warnings: WarningCounter,
  ) {}

  convert(content: unknown, meta: StepMeta = {}): ParsedStep[] {
    if (!isRec(content)) {
      this.warnings.add("history item(s) that are not Content objects");
      return [];
    }
    const role = content.role;
    const parts = Array.isArray(content.parts)
      ? content.parts
      : typeof content.parts === "string"
        ? [{ text: content.parts }]
        : null;
    if (!parts) {
      this.warnings.add("history item(s) without parts");
      return [];
    }
    if (role === "model") return this.modelSteps(parts, meta);
    // Older API versions answered calls with role "function"; both are input to the model.
    if (role === "user" || role === "function" || role === undefined) return this.userSteps(parts, meta);
    this.warnings.add(`history item(s) with role \`${String(role)}\``);
    return [];
  }

  private base(meta: StepMeta): Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> {
    const out: Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> = {};
    if (meta.timestamp) out.timestamp = meta.timestamp;
    if (meta.timestampRaw !== undefined) out.timestampRaw = meta.timestampRaw;
    if (meta.line !== undefined || meta.id !== undefined) {
      out.source = {};
      if (meta.line !== undefined) out.source.line = meta.line;
      if (meta.id !== undefined) out.source.id = meta.id;
    }
    return out;
  }

  private userSteps(parts: unknown[], meta: StepMeta): ParsedStep[] {
    const steps: ParsedStep[] = [];
    let text: string[] = [];
    let media: MediaPlaceholder[] = [];
    const flush = () => {
      if (!text.length && !media.length) return;
      const joined = text.join("\n");
      const withMedia = media.length ? { media } : {};
      const injected = injectedBlock(joined);
      if (injected) steps.push({ kind: "meta", subtype: injected, text: joined, ...this.base(meta), ...withMedia });
      else {
        const kind = steps.length === 0 && isSetupContext(joined) ? "system" : "human";
        steps.push({ kind, text: joined, ...this.base(meta), ...withMedia });
      }
      text = [];
      media = [];
    };
    for (const p of parts) {
      if (typeof p === "string") {
        text.push(p);
        continue;
      }
      if (!isRec(p)) continue;
      const fr = isRec(p.functionResponse) ? p.functionResponse : null;
      if (fr) {
        flush();
        steps.push(this.resultStep(fr, meta));
      } else if (typeof p.text === "string" && injectedBlock(p.text)) {
        // An injected block is its own step even when the person's text shares the turn.
        flush();
        text.push(p.text);
        flush();
      } else if (typeof p.text === "string") text.push(p.text);
      else {
        const before = media.length;
        const t = textOfParts([p], media);
        if (t) text.push(t);
        else if (media.length === before) this.warnings.add(`user part(s) of kind ${partKind(p)}`);
      }
    }
    flush();
    return steps;
  }

  private modelSteps(parts: unknown[], meta: StepMeta): ParsedStep[] {
    const steps: ParsedStep[] = [];
    let text: string[] = [];
    let media: MediaPlaceholder[] = [];
    const signatures: string[] = [];
    const flush = () => {
      if (!text.length && !media.length) return;
      steps.push({ kind: "assistant", text: text.join(""), ...this.base(meta), ...(media.length ? { media } : {}) });
      text = [];
      media = [];
    };
    for (const p of parts) {
      if (typeof p === "string") {
        text.push(p);
        continue;
      }
      if (!isRec(p)) continue;
      if (typeof p.thoughtSignature === "string" && p.thoughtSignature !== "") signatures.push(p.thoughtSignature);
      if (p.thought === true) {
        flush();
        steps.push({
          kind: "reasoning",
          text: typeof p.text === "string" ? p.text : "",
          hidden: false,
          ...this.base(meta),
        });
      } else if (isRec(p.functionCall)) {
        flush();
        steps.push(this.callStep(p.functionCall, meta));
      } else if (typeof p.text === "string") text.push(p.text);
      else {
        const before = media.length;
        const t = textOfParts([p], media);
        if (t) text.push(t);
        else if (media.length === before) this.warnings.add(`model part(s) of kind ${partKind(p)}`);
      }
    }
    flush();
    if (signatures.length) {
      // A thought signature is the opaque handle of reasoning the API did not return as text; it
      // joins the readable thought of the same turn when there is one.
      // Without one, the signature alone is no reasoning step: it only proves thinking happened, and
      // an empty hidden step per turn would inflate the reasoning counts; it is counted in a warning.
      const opaque = signatures.join("\n");
      const thought = steps.find((s): s is Extract<ParsedStep, { kind: "reasoning" }> => s.kind === "reasoning");
      if (thought) thought.opaque = opaque;
      else this.warnings.add("thought signature(s) without readable thoughts (opaque; not kept as reasoning steps)");
    }
    return steps;
  }

  private callStep(fc: Rec, meta: StepMeta): ParsedStep {
    const name = typeof fc.name === "string" && fc.name !== "" ? fc.name : "unknown";
    const originalId = typeof fc.id === "string" ? fc.id : "";
    let callId = originalId;
    // Empty or reused ids would make the join ambiguous; a position-based id is stable across imports.
    if (callId === "" || this.usedIds.has(callId)) callId = `${this.idPrefix}-${++this.generated}`;
    this.usedIds.add(callId);
    this.pending.push({ originalId, callId, name });
    return { kind: "tool_call", callId, name, ...normalizeArguments(fc.args), ...this.base(meta) };
  }

  private resultStep(fr: Rec, meta: StepMeta): ParsedStep {
    const id = typeof fr.id === "string" ? fr.id : "";
    const name = typeof fr.name === "string" && fr.name !== "" ? fr.name : undefined;
    let idx = id ? this.pending.findIndex((c) => c.originalId === id) : -1;
    if (idx < 0 && name) idx = this.pending.findIndex((c) => c.name === name && (c.originalId === "" || !id));
    if (idx < 0 && !id && !name) idx = this.pending.length ? 0 : -1;
    let callId: string;
    if (idx >= 0) {
      callId = this.pending[idx].callId;
      this.pending.splice(idx, 1);
    } else callId = id || `${this.idPrefix}-orphan-${++this.generated}`;
    const { output, isError, media } = functionResponseOutput(fr);
    return {
      kind: "tool_result",
      callId,
      ...(name ? { name } : {}),
      output,
      isError,
      truncated: false,
      ...this.base(meta),
      ...(media.length ? { media } : {}),
    };
  }
}

function partKind(p: Rec): string {
  const keys = Object.keys(p).filter((k) => k !== "thoughtSignature");
  return keys.length ? `\`${keys[0]}\`` : "(empty)";
}
