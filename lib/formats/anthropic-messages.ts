/**
 * Anthropic Messages API bodies: a request (`system`, `messages`, `tools`), a response
 * (`type:"message"`), a `{request, response}` pair, a bare message list, or JSONL of any of them.
 * Tool results arrive in user-role messages; only user text blocks become human steps.
 */
import type { FormatModule, DetectSample } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { arr, decodeNested, describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { readSamples, type Sample } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { stepBase } from "@/lib/formats/normalize/step-base";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { addUsage, anthropicUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { sampleValues } from "@/lib/formats/normalize/detect-values";
import { assistantContent, userContent, type BlockContext } from "@/lib/formats/anthropic-messages/blocks";

const NAME = "anthropic-messages";
const EXPECTED = 'an Anthropic Messages request (`messages` array), response (`type: "message"`) or message list';
const ANTHROPIC_BLOCKS = new Set(["tool_use", "tool_result", "thinking", "redacted_thinking", "server_tool_use"]);

const isResponse = (v: unknown): v is Rec => isRec(v) && v.type === "message" && v.role === "assistant";
/** A bare message of a list; a full response (`type: "message"`) is a sample of its own. */
const isMessage = (v: unknown): v is Rec =>
  isRec(v) && (v.role === "user" || v.role === "assistant") && "content" in v && !("messages" in v) && !isResponse(v);

interface Ctx {
  file: string;
  steps: ParsedStep[];
  warnings: string[];
  skipped: WarningCounter;
  callNames: Map<string, string>;
  usage?: Usage;
  model?: string;
  extra: Record<string, unknown>;
}

function newCtx(file: string): Ctx {
  return { file, steps: [], warnings: [], skipped: new WarningCounter(), callNames: new Map(), extra: {} };
}

function blockCtx(ctx: Ctx, line: number | undefined, id: unknown): BlockContext {
  return { base: stepBase({ line, id }), callNames: ctx.callNames, skipped: ctx.skipped };
}

function addMessage(ctx: Ctx, m: unknown, where: Where, field: string, line?: number): void {
  if (!isRec(m) || typeof m.role !== "string") {
    throw parseError(ctx.file, `expected a message with a \`role\`, got ${describe(m)}`, { ...where, field });
  }
  const bc = blockCtx(ctx, line ?? where.line, m.id);
  if (m.role === "user") ctx.steps.push(...userContent(m.content, bc));
  else if (m.role === "assistant") addAssistant(ctx, m, bc);
  else if (m.role === "system") {
    const text = systemText(m.content);
    if (text) ctx.steps.push({ kind: "system", text, ...bc.base });
  } else ctx.skipped.add(`message(s) with role \`${m.role}\``);
}

function addAssistant(ctx: Ctx, m: Rec, bc: BlockContext): void {
  const steps = assistantContent(m.content, bc);
  const usage = anthropicUsage(m.usage);
  if (usage && steps.length) steps[0].usage = usage;
  ctx.usage = addUsage(ctx.usage, usage);
  if (typeof m.model === "string") ctx.model = m.model;
  if (m.stop_reason === "max_tokens") ctx.warnings.push("a response stopped at max_tokens (output cut off)");
  if (m.stop_reason === "refusal") ctx.warnings.push("a response ended with a refusal");
  ctx.steps.push(...steps);
}

function systemText(system: unknown): string {
  if (typeof system === "string") return system;
  return arr(system)
    .map((b) => (isRec(b) && typeof b.text === "string" ? b.text : ""))
    .filter((t) => t !== "")
    .join("\n\n");
}

function addRequest(ctx: Ctx, req: Rec, where: Where): void {
  const system = systemText(req.system);
  if (system) ctx.steps.push({ kind: "system", text: system, ...stepBase({ line: where.line }) });
  const messages = decodeNested(req.messages);
  if (!Array.isArray(messages))
    throw parseError(ctx.file, `expected \`messages\` to be an array, got ${describe(messages)}`, {
      ...where,
      field: "messages",
    });
  messages.forEach((m, i) => addMessage(ctx, m, where, `messages[${i}]`));
  if (typeof req.model === "string") ctx.model = req.model;
}

function convert(sample: Sample, file: string): ParsedTrajectory {
  const ctx = newCtx(file);
  let tools: unknown;
  if (sample.kind === "units") {
    sample.units.forEach((u, i) => addMessage(ctx, u.value, sample.where, `[${i}]`, u.line));
  } else {
    const v = sample.value;
    const req = isRec(v) && isRec(v.request) ? v.request : v;
    const res = isRec(v) && isRec(v.response) ? v.response : undefined;
    if (isResponse(req)) {
      addResponse(ctx, req, sample.where);
    } else if (isRec(req) && "messages" in req) {
      addRequest(ctx, req, sample.where);
      tools = req.tools;
      if (res) addResponse(ctx, res, sample.where);
    } else {
      throw parseError(file, `expected ${EXPECTED}, got ${describe(v)}`, sample.where);
    }
  }
  const trajectory: ParsedTrajectory = {
    format: NAME,
    tools: toolDefinitions(tools, ctx.warnings),
    steps: ctx.steps,
    source: {
      ...(ctx.model ? { model: ctx.model } : {}),
      ...(Object.keys(ctx.extra).length ? { extra: ctx.extra } : {}),
    },
    ...(ctx.usage ? { usage: ctx.usage } : {}),
    warnings: [...ctx.warnings, ...ctx.skipped.lines()],
  };
  return finalizeTrajectory(trajectory, file, sample.where);
}

function addResponse(ctx: Ctx, res: Rec, where: Where): void {
  if (res.type === "error") {
    const err = isRec(res.error) ? res.error : {};
    ctx.steps.push({
      kind: "error",
      text: str(err.message) ?? "API error",
      ...(str(err.type) ? { code: str(err.type) } : {}),
      ...stepBase({ line: where.line }),
    });
    return;
  }
  addAssistant(ctx, res, blockCtx(ctx, where.line, res.id));
  if (typeof res.id === "string") ctx.extra.responseId = res.id;
  if (typeof res.stop_reason === "string") ctx.extra.stopReason = res.stop_reason;
}

/** Evidence that a message list is Anthropic-shaped rather than OpenAI-shaped. */
export function anthropicEvidence(messages: unknown): number {
  let score = 0;
  for (const m of arr(messages).slice(0, 200)) {
    if (!isRec(m)) continue;
    if (m.role === "tool" || "tool_calls" in m) return -1;
    for (const b of arr(m.content)) {
      if (!isRec(b)) continue;
      if (typeof b.type === "string" && ANTHROPIC_BLOCKS.has(b.type)) return 1;
      if (b.type === "image" && isRec(b.source)) score = 1;
    }
  }
  return score;
}

function detectValue(v: unknown): number {
  if (isResponse(v)) return 0.9;
  if (isRec(v) && isRec(v.request) && isRec(v.response))
    return Math.max(detectValue(v.request), isResponse(v.response) ? 0.9 : 0);
  if (Array.isArray(v) && v.length && v.every(isMessage)) {
    const e = anthropicEvidence(v);
    return e > 0 ? 0.8 : e < 0 ? 0 : 0.3;
  }
  if (!isRec(v) || !Array.isArray(v.messages)) return 0;
  const e = anthropicEvidence(v.messages);
  if (e < 0) return 0;
  if (e > 0) return 0.9;
  const tools = arr(v.tools);
  if (tools.some((t) => isRec(t) && "input_schema" in t)) return 0.85;
  if ("system" in v && ("max_tokens" in v || "model" in v)) return 0.75;
  if (typeof v.model === "string" && v.model.startsWith("claude")) return 0.6;
  return 0.2;
}

function detect(sample: DetectSample): number {
  const values = sampleValues(sample);
  if (values.length) {
    if (values.every(isMessage)) return detectValue(values);
    return detectValue(values[0]);
  }
  // A document too big for the head: judge by its opening.
  const h = sample.head;
  if (!/^\s*[[{]/.test(h)) return 0;
  if (/"sessionId"\s*:/.test(h) && /"parentUuid"\s*:/.test(h)) return 0;
  if (/"type"\s*:\s*"message"\s*,\s*"role"\s*:\s*"assistant"/.test(h)) return 0.7;
  if (/"messages"\s*:/.test(h) && /"type"\s*:\s*"(tool_use|tool_result|thinking)"/.test(h)) return 0.7;
  return 0;
}

export const anthropicMessages: FormatModule = {
  name: NAME,
  label: "Anthropic Messages API",
  detect,
  async *parse(input, opts) {
    for await (const sample of readSamples(input, opts.maxDocumentBytes, isMessage, EXPECTED))
      yield convert(sample, input.filename);
  },
};
