/**
 * ATIF, Harbor's Agent Trajectory Interchange Format: `{schema_version: "ATIF-v1.x", session_id,
 * agent: {name, version, model_name}, steps: [{step_id, timestamp, source: system|user|agent,
 * message, reasoning_content, tool_calls, observation: {results}, metrics}], final_metrics}`.
 *
 * An agent step fans out into reasoning, assistant text, its tool calls and their results
 * (`source_call_id`). Results without a call id (non-tool actions, system operations) become
 * environment notes; subagent references are kept. ATIF has no error flag; `is_error`,
 * `extra.is_error`, `extra.status: "error"` or a non-zero `extra.exit_code` on a result are honoured.
 */
import type { DetectSample, FormatInput, FormatModule, ParseOptions } from "@/lib/formats/types";
import type { MediaPlaceholder, ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { fromDataUrl, mediaPlaceholder, placeholderText } from "@/lib/formats/normalize/media";
import { addUsage } from "@/lib/formats/normalize/usage";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const count = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;

function usageOf(fields: Partial<Record<keyof Usage, unknown>>): Usage | undefined {
  const out: Usage = {};
  for (const [k, v] of Object.entries(fields) as [keyof Usage, unknown][]) {
    const n = count(v);
    if (n !== undefined) out[k] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

function metricsUsage(m: unknown): Usage | undefined {
  if (!isRec(m)) return undefined;
  const extra = isRec(m.extra) ? m.extra : {};
  return usageOf({
    input: m.prompt_tokens,
    output: m.completion_tokens,
    cacheRead: m.cached_tokens,
    cacheWrite: extra.cache_creation_input_tokens,
    reasoning: extra.reasoning_tokens,
  });
}

/** Message or result content: a string, or (multimodal ATIF) a list of text/image parts. */
function contentOf(c: unknown, skipped: WarningCounter): { text: string; media: MediaPlaceholder[] } {
  if (typeof c === "string") return { text: c, media: [] };
  if (c === undefined || c === null) return { text: "", media: [] };
  if (!Array.isArray(c)) return { text: JSON.stringify(c), media: [] };
  const texts: string[] = [];
  const media: MediaPlaceholder[] = [];
  for (const p of c) {
    if (typeof p === "string") texts.push(p);
    else if (!isRec(p)) continue;
    else if (p.type === "text") texts.push(str(p.text));
    else if (p.type === "image" || p.type === "image_url") {
      const src = isRec(p.source) ? p.source : p;
      const data = str(src.data);
      const mime = str(src.media_type) || str(src.mime_type) || "image/png";
      const url = isRec(p.image_url) ? str(p.image_url.url) : str(src.url);
      const m = data ? mediaPlaceholder(data, mime) : url ? fromDataUrl(url) : null;
      if (m) {
        media.push(m);
        texts.push(placeholderText(m));
      } else texts.push(`[image ${str(src.path) || url}]`);
    } else skipped.add(`content part(s) of type \`${String(p.type)}\``);
  }
  return { text: texts.join("\n"), media };
}

function resultIsError(r: Rec): boolean {
  const extra = isRec(r.extra) ? r.extra : {};
  if (r.is_error === true || extra.is_error === true || extra.status === "error") return true;
  return typeof extra.exit_code === "number" && extra.exit_code !== 0;
}

export function atifTrajectory(filename: string, doc: unknown): ParsedTrajectory {
  if (!isRec(doc) || typeof doc.schema_version !== "string" || !/^ATIF/i.test(doc.schema_version)) {
    throw parseError(
      filename,
      'expected an ATIF trajectory: an object whose `schema_version` starts with "ATIF-"',
      isRec(doc) ? { field: "schema_version" } : { offset: 0 },
    );
  }
  if (!Array.isArray(doc.steps))
    throw parseError(filename, "expected `steps` to be an array of ATIF step objects", { field: "steps" });
  const skipped = new WarningCounter();
  const warnings: string[] = [];
  const steps: ParsedStep[] = [];
  const subagentRefs: Rec[] = [];
  const covered = new Set<string>();
  let stepUsage: Usage | undefined;

  doc.steps.forEach((s, i) => {
    if (!isRec(s))
      throw parseError(filename, "expected an ATIF step object {step_id, source, message, ...}", {
        field: `steps[${i}]`,
      });
    const source = s.source;
    if (source !== "system" && source !== "user" && source !== "agent") {
      skipped.add(`step(s) with source ${JSON.stringify(source ?? null)} (expected "system", "user" or "agent")`);
      return;
    }
    const time = normalizeTimestamp(s.timestamp);
    const base: Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> = {
      ...(time.timestamp ? { timestamp: time.timestamp } : {}),
      ...(time.timestampRaw !== undefined ? { timestampRaw: time.timestampRaw } : {}),
      source: { id: s.step_id !== undefined ? String(s.step_id) : `steps[${i}]` },
    };
    const msg = contentOf(s.message, skipped);
    const withMedia = msg.media.length ? { media: msg.media } : {};
    const first = steps.length;
    if (source === "system") {
      if (msg.text || msg.media.length) steps.push({ kind: "system", text: msg.text, ...base, ...withMedia });
    } else if (source === "user") {
      steps.push({ kind: "human", text: msg.text, ...base, ...withMedia });
    } else {
      const reasoning = str(s.reasoning_content);
      if (reasoning.trim()) steps.push({ kind: "reasoning", text: reasoning, hidden: false, ...base });
      if (msg.text || msg.media.length) steps.push({ kind: "assistant", text: msg.text, ...base, ...withMedia });
      for (const tc of Array.isArray(s.tool_calls) ? s.tool_calls : []) {
        if (!isRec(tc)) continue;
        const callId = str(tc.tool_call_id) || `atif-${String(s.step_id ?? i)}-${steps.length}`;
        steps.push({
          kind: "tool_call",
          callId,
          name: str(tc.function_name) || "unknown",
          ...normalizeArguments(tc.arguments),
          ...base,
        });
      }
    }
    const names = new Map<string, string>();
    const stepCalls: string[] = [];
    for (const x of steps.slice(first))
      if (x.kind === "tool_call") {
        names.set(x.callId, x.name);
        stepCalls.push(x.callId);
      }
    const observation = isRec(s.observation) ? s.observation : undefined;
    const results = (observation && Array.isArray(observation.results) ? observation.results : []).filter(isRec);
    const answers = answeredCalls(results, stepCalls);
    results.forEach((r, k) => {
      const out = contentOf(r.content, skipped);
      const refs = Array.isArray(r.subagent_trajectory_ref) ? r.subagent_trajectory_ref : undefined;
      if (refs) subagentRefs.push(...refs.filter(isRec));
      const callId = str(r.source_call_id) || answers[k];
      if (callId) {
        steps.push({
          kind: "tool_result",
          callId,
          ...(names.has(callId) ? { name: names.get(callId) } : {}),
          output: out.text,
          isError: resultIsError(r),
          // A stated flag (true or false) is the source's word; the text heuristic leaves it alone.
          ...(typeof r.is_error === "boolean" ? { errorSource: "source" as const } : {}),
          truncated: false,
          ...(refs ? { structured: { subagentTrajectoryRef: refs } } : {}),
          ...base,
          ...(out.media.length ? { media: out.media } : {}),
        });
      } else if (refs) {
        steps.push({
          kind: "meta",
          subtype: "subagent",
          text: out.text || refs.map((x) => (isRec(x) ? str(x.session_id) : "")).join(", "),
          data: refs,
          ...base,
        });
      } else {
        steps.push({
          kind: "meta",
          subtype: "environment",
          text: out.text,
          ...base,
          ...(out.media.length ? { media: out.media } : {}),
        });
      }
    });
    // One observation for several calls (terminus-2 sends a batch of keystrokes, then reads the
    // screen once): it answers the last call; the earlier ones are covered by it, not orphans.
    if (results.length === 1 && !str(results[0].source_call_id) && stepCalls.length > 1)
      for (const id of stepCalls.slice(0, -1)) covered.add(id);
    const u = source === "agent" ? metricsUsage(s.metrics) : undefined;
    if (u && steps.length > first) {
      const target = steps.slice(first).find((x) => x.kind === "assistant") ?? steps[first];
      target.usage = u;
      stepUsage = addUsage(stepUsage, u);
    }
  });

  const fm = isRec(doc.final_metrics) ? doc.final_metrics : undefined;
  const usage =
    (fm
      ? usageOf({
          input: fm.total_prompt_tokens,
          output: fm.total_completion_tokens,
          cacheRead: fm.total_cached_tokens,
        })
      : undefined) ?? stepUsage;
  const agent = isRec(doc.agent) ? doc.agent : {};
  const tools = toolDefinitions(agent.tool_definitions ?? agent.tools, warnings);
  const extra: Rec = { schemaVersion: doc.schema_version };
  if (typeof doc.notes === "string" && doc.notes) extra.notes = doc.notes;
  if (fm) extra.finalMetrics = fm;
  if (doc.continued_trajectory_ref !== undefined) extra.continuedTrajectoryRef = doc.continued_trajectory_ref;
  if (isRec(agent.extra) && Object.keys(agent.extra).length) extra.agent = agent.extra;
  if (isRec(doc.extra) && Object.keys(doc.extra).length) extra.extra = doc.extra;
  // Sub-agent trajectories named here are linked to the parent when they are imported together
  // (lib/import/link-subagents.ts reads this list).
  const subagentSessions = [...new Set(subagentRefs.map((r) => str(r.session_id)).filter((id) => id !== ""))];
  if (subagentSessions.length) extra.subagentSessionIds = subagentSessions;
  const times = steps
    .map((s) => s.timestamp)
    .filter((t): t is string => !!t)
    .sort();
  const task = steps.find((s) => s.kind === "human");
  const t: ParsedTrajectory = {
    format: "atif",
    title: task && task.kind === "human" ? firstLine(task.text) : undefined,
    tools,
    steps,
    source: {
      ...(str(agent.name) ? { agent: str(agent.name) } : {}),
      ...(str(agent.model_name) ? { model: str(agent.model_name) } : {}),
      ...(str(agent.version) ? { version: str(agent.version) } : {}),
      ...(str(doc.session_id) ? { sessionId: str(doc.session_id) } : {}),
      ...(times.length ? { startedAt: times[0], endedAt: times[times.length - 1] } : {}),
      extra,
    },
    ...(usage ? { usage } : {}),
    warnings: [...warnings, ...skipped.lines()],
  };
  return finalizeTrajectory(t, filename, {}, { coveredCalls: covered });
}

/**
 * The call each result without `source_call_id` answers (by index): Harbor's terminus-2 and
 * other writers put a step's observation in the same step without naming the call. One result
 * answers the step's only call (or, for a batch, its last call); as many results as calls answer
 * them in order. Anything else stays unjoined (environment notes).
 */
function answeredCalls(results: Rec[], calls: string[]): (string | undefined)[] {
  const unnamed = results.map((r, k) => (str(r.source_call_id) ? -1 : k)).filter((k) => k >= 0);
  const named = new Set(results.map((r) => str(r.source_call_id)).filter((id) => id !== ""));
  const open = calls.filter((id) => !named.has(id));
  const out: (string | undefined)[] = results.map(() => undefined);
  if (!unnamed.length || !open.length) return out;
  if (unnamed.length === 1) out[unnamed[0]] = open[open.length - 1];
  else if (unnamed.length === open.length) unnamed.forEach((k, j) => (out[k] = open[j]));
  return out;
}

function firstLine(text: string): string | undefined {
  const line = text
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  if (!line) return undefined;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  yield atifTrajectory(input.filename, await readJsonDocument(input, opts.maxDocumentBytes));
}

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const doc = sample.document;
  if (doc !== undefined)
    return isRec(doc) && typeof doc.schema_version === "string" && /^ATIF-/i.test(doc.schema_version) ? 0.95 : 0;
  if (sample.records) return 0;
  return /"schema_version"\s*:\s*"ATIF-/i.test(sample.head) ? 0.95 : 0;
}

export const atifFormat: FormatModule = {
  name: "atif",
  label: "ATIF trajectory (Harbor)",
  detect,
  parse,
};
