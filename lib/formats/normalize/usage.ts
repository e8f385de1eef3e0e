/**
 * Each vendor names its token counters differently; these map them into the canonical `Usage`
 * and drop anything that is not a non-negative integer (the schema would reject it).
 */
import type { Usage } from "@/lib/trajectory/types";

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const count = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;

function build(fields: Partial<Record<keyof Usage, unknown>>): Usage | undefined {
  const out: Usage = {};
  for (const [k, v] of Object.entries(fields) as [keyof Usage, unknown][]) {
    const n = count(v);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

const sub = (u: Rec, key: string): Rec => (isRec(u[key]) ? (u[key] as Rec) : {});

/** Chat Completions `usage` (prompt/completion tokens). */
export function openAIChatUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  return build({
    input: u.prompt_tokens,
    output: u.completion_tokens,
    cacheRead: sub(u, "prompt_tokens_details").cached_tokens,
    reasoning: sub(u, "completion_tokens_details").reasoning_tokens,
    total: u.total_tokens,
  });
}

/** Responses API `usage` (input/output tokens with details). */
export function responsesUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  return build({
    input: u.input_tokens,
    output: u.output_tokens,
    cacheRead: sub(u, "input_tokens_details").cached_tokens,
    reasoning: sub(u, "output_tokens_details").reasoning_tokens,
    total: u.total_tokens,
  });
}

/** Anthropic Messages `usage` (cache reads and writes reported apart from input). */
export function anthropicUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  return build({
    input: u.input_tokens,
    output: u.output_tokens,
    cacheRead: u.cache_read_input_tokens,
    cacheWrite: u.cache_creation_input_tokens,
  });
}

/** Codex CLI `TokenUsage` from `token_count` events. */
export function codexUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  return build({
    input: u.input_tokens,
    output: u.output_tokens,
    cacheRead: u.cached_input_tokens,
    reasoning: u.reasoning_output_tokens,
    total: u.total_tokens,
  });
}

export function addUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (!a) return b ? { ...b } : undefined;
  if (!b) return a;
  const out: Usage = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof Usage, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}
