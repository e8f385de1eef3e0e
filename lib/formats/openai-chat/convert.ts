/**
 * Chat-Completions-shaped samples → canonical trajectory. Shared by `openai-chat` and
 * `hf-messages`: both carry the same message shape and differ only in how arguments are encoded
 * (string vs object, both accepted) and in which request fields surround the messages.
 */
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { arr, decodeNested, describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import type { Sample } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { stepBase, type StepBase } from "@/lib/formats/normalize/step-base";
import { splitThinkTags } from "@/lib/formats/normalize/think-tags";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { addUsage, openAIChatUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { contentText, reasoningFields, splitValueParts } from "@/lib/formats/openai-chat/content";

export const CHAT_EXPECTED = "a chat sample with a `messages` array (or a `chat.completion` response)";

const ASSISTANT_ROLES = new Set(["assistant", "model", "gpt"]);
const TOOL_ROLES = new Set(["tool", "function", "ipython", "observation"]);

/** A bare chat message (one element of `messages`), as opposed to a sample that holds a list. */
export const isChatMessage = (v: unknown): boolean =>
  isRec(v) && typeof v.role === "string" && ("content" in v || "tool_calls" in v) && !("messages" in v);

class ChatBuilder {
  readonly steps: ParsedStep[] = [];
  readonly warnings: string[] = [];
  readonly skipped = new WarningCounter();
  usage?: Usage;
  model?: string;
  readonly extra: Record<string, unknown> = {};
  private readonly pending: string[] = [];
  private readonly callNames = new Map<string, string>();
  private readonly usedIds = new Set<string>();
  private generated = 0;

  constructor(readonly file: string) {}

  private newId(): string {
    let id = `call_${this.generated++}`;
    while (this.usedIds.has(id)) id = `call_${this.generated++}`;
    this.usedIds.add(id);
    return id;
  }

  add(m: unknown, where: Where, field: string, extra: { line?: number; time?: unknown; usage?: Usage } = {}): void {
    if (!isRec(m) || typeof m.role !== "string") {
      throw parseError(this.file, `expected a chat message with a \`role\`, got ${describe(m)}`, { ...where, field });
    }
    const base = stepBase({ line: extra.line ?? where.line, time: extra.time ?? m.timestamp, id: m.id });
    const before = this.steps.length;
    const role = m.role;
    if (role === "system" || role === "developer") this.text("system", m, base);
    else if (role === "user" || role === "human") this.text("human", m, base);
    else if (ASSISTANT_ROLES.has(role)) this.assistant(m, base);
    else if (TOOL_ROLES.has(role)) this.toolResult(m, base);
    else this.skipped.add(`message(s) with role \`${role}\``);
    if (extra.usage && this.steps.length > before) this.steps[before].usage = extra.usage;
  }

  private text(kind: "system" | "human", m: Rec, base: StepBase): void {
    const { text, media } = contentText(m.content, this.skipped);
    if (text.trim() === "" && !media.length) return;
    this.steps.push({ kind, text, ...base, ...(media.length ? { media } : {}) });
  }

  private assistant(m: Rec, base: StepBase): void {
    this.steps.push(...reasoningFields(m, base));
    const parts = splitValueParts(m.content);
    for (const r of parts.reasoning) this.steps.push({ kind: "reasoning", text: r, hidden: false, ...base });
    const { text, media } = contentText(parts.rest, this.skipped);
    const split = splitThinkTags(text);
    for (const r of split.reasoning) this.steps.push({ kind: "reasoning", text: r, hidden: false, ...base });
    const refusal = str(m.refusal);
    const shown = [split.text, refusal ?? ""].filter((t) => t.trim() !== "").join("\n\n");
    if (shown !== "" || media.length)
      this.steps.push({ kind: "assistant", text: shown, ...base, ...(media.length ? { media } : {}) });
    const calls = arr(m.tool_calls);
    if (isRec(m.function_call)) calls.push({ function: m.function_call });
    for (const c of parts.calls) calls.push({ id: c.id, function: { name: c.name, arguments: c.arguments } });
    for (const tc of calls) {
      if (!isRec(tc)) continue;
      const fn = isRec(tc.function) ? tc.function : tc;
      const given = str(tc.id);
      const callId = given && given !== "" ? given : this.newId();
      this.usedIds.add(callId);
      const name = str(fn.name) ?? "unknown";
      this.pending.push(callId);
      this.callNames.set(callId, name);
      this.steps.push({ kind: "tool_call", callId, name, ...normalizeArguments(fn.arguments), ...base });
    }
  }

  private toolResult(m: Rec, base: StepBase): void {
    const given = str(m.tool_call_id) ?? str(m.tool_use_id);
    let callId: string;
    if (given && given !== "") {
      callId = given;
      const at = this.pending.indexOf(given);
      if (at !== -1) this.pending.splice(at, 1);
    } else {
      // No id (LIMI rows, legacy `function` role): answer the oldest open call, by name if known.
      const name = str(m.name);
      const at = name ? this.pending.findIndex((id) => this.callNames.get(id) === name) : -1;
      const idx = at !== -1 ? at : 0;
      callId = this.pending.length ? this.pending.splice(idx, 1)[0] : this.newId();
    }
    const { text, media } = contentText(m.content, this.skipped);
    // `error` is a non-standard flag some loggers (Inspect, agent SDKs) add to tool messages.
    const err = m.error;
    const isError = m.is_error === true || (err !== undefined && err !== null && err !== false);
    const errText = isRec(err) ? str(err.message) : str(err);
    const output = text === "" && errText ? errText : text;
    const name = str(m.name) ?? this.callNames.get(callId);
    this.steps.push({
      kind: "tool_result",
      callId,
      ...(name ? { name } : {}),
      output,
      isError,
      // A stated flag (true or false) is the source's word; the text heuristic leaves it alone.
      ...(typeof m.is_error === "boolean" ? { errorSource: "source" as const } : {}),
      truncated: false,
      ...base,
      ...(media.length ? { media } : {}),
    });
  }
}

function addMessages(b: ChatBuilder, raw: unknown, where: Where, field: string): void {
  const messages = decodeNested(raw);
  if (!Array.isArray(messages))
    throw parseError(b.file, `expected \`${field}\` to be an array of messages, got ${describe(messages)}`, {
      ...where,
      field,
    });
  messages.forEach((m, i) => b.add(m, where, `${field}[${i}]`));
}

function addResponse(b: ChatBuilder, res: Rec, where: Where): void {
  const choices = arr(res.choices);
  const usage = openAIChatUsage(res.usage);
  b.usage = addUsage(b.usage, usage);
  if (typeof res.model === "string") b.model = res.model;
  if (typeof res.id === "string") b.extra.responseId = res.id;
  if (choices.length > 1) b.warnings.push(`the response has ${choices.length} choices; only the first was imported`);
  const choice = choices[0];
  if (!isRec(choice)) return;
  const message = choice.message ?? choice.delta;
  if (message !== undefined) b.add(message, where, "choices[0].message", { time: res.created, usage });
  if (typeof choice.finish_reason === "string") {
    b.extra.finishReason = choice.finish_reason;
    if (choice.finish_reason === "length") b.warnings.push("the response was cut off (finish_reason `length`)");
    if (choice.finish_reason === "content_filter")
      b.warnings.push("the response was filtered (finish_reason `content_filter`)");
  }
}

export function convertChatSample(sample: Sample, file: string, format: string): ParsedTrajectory {
  const b = new ChatBuilder(file);
  let tools: unknown;
  if (sample.kind === "units") {
    sample.units.forEach((u, i) => b.add(u.value, sample.where, `[${i}]`, { line: u.line }));
  } else {
    const v = sample.value;
    const req = isRec(v) && isRec(v.request) ? v.request : v;
    const res = isRec(v) && isRec(v.response) ? v.response : isRec(v) && Array.isArray(v.choices) ? v : undefined;
    if (!isRec(req)) throw parseError(file, `expected ${CHAT_EXPECTED}, got ${describe(v)}`, sample.where);
    if ("messages" in req) addMessages(b, req.messages, sample.where, "messages");
    else if (Array.isArray(req.prompt) && Array.isArray(req.completion)) {
      addMessages(b, req.prompt, sample.where, "prompt");
      addMessages(b, req.completion, sample.where, "completion");
    } else if (!res) throw parseError(file, `expected ${CHAT_EXPECTED}, got ${describe(v)}`, sample.where);
    if (res) addResponse(b, res, sample.where);
    tools = req.tools ?? (isRec(v) ? v.tools : undefined);
    if (typeof req.model === "string" && !b.model) b.model = req.model;
    if (!res && req.usage) b.usage = openAIChatUsage(req.usage);
    if (req !== res && (typeof req.id === "string" || typeof req.id === "number")) b.extra.id = req.id;
  }
  const trajectory: ParsedTrajectory = {
    format,
    tools: toolDefinitions(tools, b.warnings),
    steps: b.steps,
    source: { ...(b.model ? { model: b.model } : {}), ...(Object.keys(b.extra).length ? { extra: b.extra } : {}) },
    ...(b.usage ? { usage: b.usage } : {}),
    warnings: [...b.warnings, ...b.skipped.lines()],
  };
  return finalizeTrajectory(trajectory, file, sample.where);
}
