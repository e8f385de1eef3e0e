/**
 * OpenAI Responses API: an item list, a request `{instructions, input, tools}`, a response
 * `{object:"response", output}`, a request/response pair, or JSONL of these. Reasoning summaries
 * are readable; `encrypted_content` alone is hidden reasoning with the payload kept as opaque.
 */
import type { DetectSample, FormatModule } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { readSamples, type Sample } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { stepBase } from "@/lib/formats/normalize/step-base";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { addUsage, responsesUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { sampleValues } from "@/lib/formats/normalize/detect-values";
import { isItem, itemSteps, type ItemContext } from "@/lib/formats/openai-responses/items";

const NAME = "openai-responses";
const EXPECTED = 'a Responses API item list, request (`input`) or response (`object: "response"`)';
const TYPED_ITEMS = new Set([
  "reasoning",
  "function_call",
  "function_call_output",
  "custom_tool_call",
  "local_shell_call",
]);

class ResponsesBuilder {
  readonly steps: ParsedStep[] = [];
  readonly warnings: string[] = [];
  readonly skipped = new WarningCounter();
  readonly callNames = new Map<string, string>();
  readonly extra: Record<string, unknown> = {};
  usage?: Usage;
  model?: string;
  startedAt?: unknown;

  constructor(readonly file: string) {}

  ctx(line?: number, id?: unknown, time?: unknown): ItemContext {
    return { base: stepBase({ line, id, time }), callNames: this.callNames, skipped: this.skipped };
  }

  items(list: unknown, where: Where, field: string, time?: unknown): ParsedStep[] {
    if (!Array.isArray(list))
      throw parseError(this.file, `expected \`${field}\` to be a list of items, got ${describe(list)}`, {
        ...where,
        field,
      });
    const added: ParsedStep[] = [];
    list.forEach((item, i) => {
      if (!isRec(item))
        throw parseError(this.file, `expected a Responses item object, got ${describe(item)}`, {
          ...where,
          field: `${field}[${i}]`,
        });
      added.push(...itemSteps(item, this.ctx(where.line, item.id, time)));
    });
    this.steps.push(...added);
    return added;
  }

  request(req: Rec, where: Where): void {
    const base = stepBase({ line: where.line });
    if (typeof req.instructions === "string" && req.instructions.trim() !== "")
      this.steps.push({ kind: "system", text: req.instructions, ...base });
    if (typeof req.input === "string") this.steps.push({ kind: "human", text: req.input, ...base });
    else this.items(req.input, where, "input");
    if (typeof req.model === "string") this.model = req.model;
  }

  response(res: Rec, where: Where): void {
    if (typeof res.model === "string") this.model = res.model;
    if (typeof res.id === "string") this.extra.responseId = res.id;
    if (typeof res.status === "string") this.extra.status = res.status;
    this.startedAt ??= res.created_at;
    const added = this.items(res.output ?? [], where, "output", res.completed_at ?? res.created_at);
    const usage = responsesUsage(res.usage);
    if (usage && added.length) added[0].usage = usage;
    this.usage = addUsage(this.usage, usage);
    if (isRec(res.error)) {
      const code = str(res.error.code);
      this.steps.push({
        kind: "error",
        text: str(res.error.message) ?? "the response failed",
        ...(code ? { code } : {}),
        ...stepBase({ line: where.line }),
      });
    }
    if (isRec(res.incomplete_details))
      this.warnings.push(`the response is incomplete (${String(res.incomplete_details.reason ?? "unknown reason")})`);
  }
}

const isResponse = (v: unknown): v is Rec => isRec(v) && v.object === "response" && Array.isArray(v.output);
const isRequest = (v: unknown): v is Rec =>
  isRec(v) && "input" in v && (typeof v.input === "string" || Array.isArray(v.input));

function convert(sample: Sample, file: string): ParsedTrajectory {
  const b = new ResponsesBuilder(file);
  let tools: unknown;
  if (sample.kind === "units") {
    sample.units.forEach((u) => {
      const item = u.value as Rec;
      b.steps.push(...itemSteps(item, b.ctx(u.line, item.id)));
    });
  } else {
    const v = sample.value;
    const req = isRec(v) && isRec(v.request) ? v.request : v;
    const res = isRec(v) && isRec(v.response) ? v.response : isRec(v) && Array.isArray(v.output) ? v : undefined;
    if (!isRequest(req) && !res) throw parseError(file, `expected ${EXPECTED}, got ${describe(v)}`, sample.where);
    if (isRequest(req)) {
      b.request(req, sample.where);
      tools = req.tools;
    }
    if (res) {
      b.response(res, sample.where);
      tools ??= res.tools;
    }
  }
  const started = stepBase({ time: b.startedAt }).timestamp;
  const trajectory: ParsedTrajectory = {
    format: NAME,
    tools: toolDefinitions(tools, b.warnings),
    steps: b.steps,
    source: {
      ...(b.model ? { model: b.model } : {}),
      ...(started ? { startedAt: started } : {}),
      ...(Object.keys(b.extra).length ? { extra: b.extra } : {}),
    },
    ...(b.usage ? { usage: b.usage } : {}),
    warnings: [...b.warnings, ...b.skipped.lines()],
  };
  return finalizeTrajectory(trajectory, file, sample.where);
}

function detectValue(v: unknown): number {
  if (isResponse(v)) return 0.95;
  if (isRec(v) && isResponse(v.response)) return 0.95;
  const req = isRec(v) && isRec(v.request) ? v.request : v;
  if (isRequest(req) && !("messages" in req)) {
    // A bare `{input: "text"}` is too generic to claim without request fields beside it.
    if (typeof req.input === "string") return "instructions" in req || "model" in req ? 0.7 : 0;
    const items: unknown[] = Array.isArray(req.input) ? req.input : [];
    return items.some((i) => isRec(i) && typeof i.type === "string" && isItem(i)) ? 0.9 : items.every(isItem) ? 0.6 : 0;
  }
  return 0;
}

function detect(sample: DetectSample): number {
  const values = sampleValues(sample);
  if (values.length) {
    if (values.every(isItem)) {
      // Typed items with call ids are unmistakable; plain `{role, content}` lists are chat too.
      return values.some((v) => isRec(v) && typeof v.type === "string" && TYPED_ITEMS.has(v.type))
        ? 0.9
        : values.some((v) => isRec(v) && v.type === "message")
          ? 0.6
          : 0;
    }
    return detectValue(values[0]);
  }
  const h = sample.head;
  if (/^\s*\{/.test(h) && /"object"\s*:\s*"response"/.test(h)) return 0.7;
  if (/^\s*\[\s*\{\s*"(type|id)"\s*:\s*"(message|reasoning|function_call|rs_|msg_|fc_)/.test(h)) return 0.6;
  if (/^\s*\{[\s\S]*?"input"\s*:\s*\[/.test(h) && /"type"\s*:\s*"function_call"/.test(h)) return 0.55;
  return 0;
}

export const openaiResponses: FormatModule = {
  name: NAME,
  label: "OpenAI Responses API",
  detect,
  async *parse(input, opts) {
    for await (const sample of readSamples(input, opts.maxDocumentBytes, isItem, EXPECTED))
      yield convert(sample, input.filename);
  },
};
