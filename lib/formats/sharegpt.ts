/**
 * ShareGPT / LLaMA-Factory `conversations` with `from`/`value` (also `role`/`content`). Function
 * calls carry no ids, so calls get `call_<n>` and each observation answers the oldest open call;
 * a single observation after a parallel batch is split only when it is a JSON list of one result
 * per call.
 */
import type { DetectSample, FormatModule } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { arr, decodeNested, describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { readSamples, type Sample } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { stepBase, type StepBase } from "@/lib/formats/normalize/step-base";
import { splitThinkTags } from "@/lib/formats/normalize/think-tags";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { sampleValues } from "@/lib/formats/normalize/detect-values";

const NAME = "sharegpt";
const EXPECTED = "a ShareGPT sample with a `conversations` array of `{from, value}` turns";

const HUMAN = new Set(["human", "user"]);
const ASSISTANT = new Set(["gpt", "assistant", "model", "chatgpt", "bard", "bing"]);
const CALL = new Set(["function_call", "tool_call", "function_calls"]);
const OBSERVATION = new Set(["observation", "tool", "function", "function_response", "tool_response", "ipython"]);

const isTurn = (v: unknown): v is Rec =>
  isRec(v) && (typeof v.from === "string" || typeof v.role === "string") && ("value" in v || "content" in v);
const conversationsOf = (v: Rec): unknown => v.conversations ?? v.conversation;
const isSample = (v: unknown): v is Rec => isRec(v) && Array.isArray(decodeNested(conversationsOf(v)));

class ShareGptBuilder {
  readonly steps: ParsedStep[] = [];
  readonly warnings: string[] = [];
  readonly skipped = new WarningCounter();
  private pending: { id: string; name: string }[] = [];
  private calls = 0;

  constructor(
    readonly file: string,
    readonly where: Where,
  ) {}

  turn(t: unknown, field: string): void {
    if (!isTurn(t))
      throw parseError(this.file, `expected a turn with \`from\` and \`value\`, got ${describe(t)}`, {
        ...this.where,
        field,
      });
    const from = (str(t.from) ?? str(t.role) ?? "").toLowerCase();
    const raw = t.value ?? t.content;
    const value = typeof raw === "string" ? raw : raw === null || raw === undefined ? "" : JSON.stringify(raw);
    const base = stepBase({ line: this.where.line });
    if (HUMAN.has(from)) this.text("human", value, base);
    else if (from === "system") this.text("system", value, base);
    else if (ASSISTANT.has(from)) this.assistant(value, base);
    else if (CALL.has(from)) this.functionCall(raw, value, base, field);
    else if (OBSERVATION.has(from)) this.observation(value, base);
    else this.skipped.add(`turn(s) from \`${from || "(none)"}\``);
  }

  text(kind: "human" | "system", value: string, base: StepBase): void {
    if (value.trim() !== "") this.steps.push({ kind, text: value, ...base });
  }

  private assistant(value: string, base: StepBase): void {
    const split = splitThinkTags(value);
    for (const r of split.reasoning) this.steps.push({ kind: "reasoning", text: r, hidden: false, ...base });
    if (split.text !== "") this.steps.push({ kind: "assistant", text: split.text, ...base });
  }

  private functionCall(raw: unknown, value: string, base: StepBase, field: string): void {
    const parsed = decodeNested(raw);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    for (const c of list) {
      const id = `call_${this.calls++}`;
      if (!isRec(c)) {
        // Free-form call text (e.g. `<function=…>` tags) is kept verbatim rather than guessed at.
        this.warnings.push(`${field}: function_call value is not JSON; kept as raw arguments`);
        this.pending.push({ id, name: "unknown" });
        this.steps.push({
          kind: "tool_call",
          callId: id,
          name: "unknown",
          arguments: null,
          argumentsRaw: value,
          ...base,
        });
        continue;
      }
      const fn = isRec(c.function) ? c.function : c;
      const name = str(fn.name) ?? "unknown";
      this.pending.push({ id, name });
      this.steps.push({
        kind: "tool_call",
        callId: id,
        name,
        ...normalizeArguments(fn.arguments ?? fn.parameters ?? fn.args),
        ...base,
      });
    }
  }

  private observation(value: string, base: StepBase): void {
    if (this.pending.length > 1) {
      const parts = decodeNested(value);
      if (Array.isArray(parts) && parts.length === this.pending.length) {
        for (const p of parts) this.result(typeof p === "string" ? p : JSON.stringify(p), base);
        return;
      }
    }
    this.result(value, base);
  }

  private result(output: string, base: StepBase): void {
    const call = this.pending.shift() ?? { id: `call_${this.calls++}`, name: "" };
    this.steps.push({
      kind: "tool_result",
      callId: call.id,
      ...(call.name ? { name: call.name } : {}),
      output,
      isError: false,
      truncated: false,
      ...base,
    });
  }
}

function convert(sample: Sample, file: string): ParsedTrajectory {
  const b = new ShareGptBuilder(file, sample.where);
  let tools: unknown;
  let extra: Record<string, unknown> = {};
  if (sample.kind === "units") {
    sample.units.forEach((u, i) => b.turn(u.value, `[${i}]`));
  } else {
    const v = sample.value;
    if (!isSample(v)) throw parseError(file, `expected ${EXPECTED}, got ${describe(v)}`, sample.where);
    if (typeof v.system === "string") b.text("system", v.system, stepBase({ line: sample.where.line }));
    const turns = decodeNested(conversationsOf(v)) as unknown[];
    turns.forEach((t, i) => b.turn(t, `conversations[${i}]`));
    tools = v.tools;
    if (typeof v.id === "string" || typeof v.id === "number") extra = { id: v.id };
    if (arr(v.images).length)
      b.warnings.push(`${arr(v.images).length} image path(s) referenced by the sample were not imported`);
  }
  const trajectory: ParsedTrajectory = {
    format: NAME,
    tools: toolDefinitions(tools, b.warnings),
    steps: b.steps,
    source: Object.keys(extra).length ? { extra } : {},
    warnings: [...b.warnings, ...b.skipped.lines()],
  };
  return finalizeTrajectory(trajectory, file, sample.where);
}

function detect(sample: DetectSample): number {
  const values = sampleValues(sample);
  if (values.length) {
    const v = values[0];
    if (!isSample(v)) return values.every((t) => isTurn(t) && typeof t.from === "string") ? 0.6 : 0;
    const turns = arr(decodeNested(conversationsOf(v)));
    if (turns.some((t) => isTurn(t) && typeof t.from === "string")) return 0.95;
    return turns.some(isTurn) ? 0.7 : 0.4;
  }
  if (/^\s*[[{]/.test(sample.head) && /"conversations"\s*:\s*\[\s*\{\s*"(from|value)"/.test(sample.head)) return 0.75;
  return 0;
}

export const sharegpt: FormatModule = {
  name: NAME,
  label: "ShareGPT / LLaMA-Factory",
  detect,
  async *parse(input, opts) {
    const isUnit = (v: unknown) => isTurn(v) && !isSample(v);
    for await (const sample of readSamples(input, opts.maxDocumentBytes, isUnit, EXPECTED))
      yield convert(sample, input.filename);
  },
};
