/**
 * One Inspect AI `EvalSample` → one trajectory. `messages` give the conversation; `events` give
 * timestamps and usage (model events by assistant message id, tool events by tool call id) and the
 * tool catalogue; `attachment://<hash>` references are resolved from the sample's `attachments`.
 */
import type { MediaPlaceholder, ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp, type NormalizedTime } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { fromDataUrl, placeholderText } from "@/lib/formats/normalize/media";
import { addUsage } from "@/lib/formats/normalize/usage";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The eval-level part of a log (`header.json`, `_journal/start.json`, or the JSON log minus samples). */
export interface EvalHeader {
  version?: unknown;
  status?: unknown;
  eval?: unknown;
  plan?: unknown;
  results?: unknown;
  stats?: unknown;
}

const ATTACHMENT = "attachment://";

interface AttachmentStats {
  resolved: number;
  missing: number;
}

export function resolveAttachments(v: unknown, attachments: Rec, stats: AttachmentStats): unknown {
  if (typeof v === "string") {
    if (!v.startsWith(ATTACHMENT)) return v;
    const hit = attachments[v.slice(ATTACHMENT.length)];
    if (typeof hit === "string") {
      stats.resolved++;
      return hit;
    }
    stats.missing++;
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => resolveAttachments(x, attachments, stats));
  if (isRec(v)) {
    const out: Rec = {};
    for (const [k, x] of Object.entries(v)) out[k] = resolveAttachments(x, attachments, stats);
    return out;
  }
  return v;
}

/** Inspect `ModelUsage`. */
export function inspectUsage(u: unknown): Usage | undefined {
  if (!isRec(u)) return undefined;
  const out: Usage = {};
  const put = (k: keyof Usage, v: unknown) => {
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) out[k] = v;
  };
  put("input", u.input_tokens);
  put("output", u.output_tokens);
  put("cacheRead", u.input_tokens_cache_read);
  put("cacheWrite", u.input_tokens_cache_write);
  put("reasoning", u.reasoning_tokens);
  put("total", u.total_tokens);
  return Object.keys(out).length ? out : undefined;
}

interface EventInfo {
  time: NormalizedTime;
  usage?: Usage;
  truncated?: boolean;
}

function eventTime(e: Rec): NormalizedTime {
  // `completed` is when the result existed; `timestamp` when the event began.
  const t = normalizeTimestamp(e.completed);
  return t.timestamp ? t : normalizeTimestamp(e.timestamp);
}

interface Content {
  text: string;
  media: MediaPlaceholder[];
  reasoning: ParsedStep[];
  other: number;
}

function contentOf(c: unknown, skipped: WarningCounter): Content {
  const out: Content = { text: "", media: [], reasoning: [], other: 0 };
  if (typeof c === "string") {
    out.text = c;
    return out;
  }
  if (!Array.isArray(c)) return out;
  const texts: string[] = [];
  for (const p of c) {
    if (!isRec(p)) continue;
    const type = p.type;
    if (type === "text") texts.push(str(p.text));
    else if (type === "reasoning") {
      const redacted = p.redacted === true;
      const summary = str(p.summary);
      const reasoning = str(p.reasoning);
      const signature = str(p.signature);
      out.reasoning.push(
        redacted
          ? { kind: "reasoning", text: summary, hidden: true, ...(reasoning ? { opaque: reasoning } : {}) }
          : {
              kind: "reasoning",
              text: reasoning || summary,
              hidden: false,
              ...(signature ? { opaque: signature } : {}),
            },
      );
    } else if (type === "image" || type === "audio" || type === "video") {
      const ref = str(p[type]);
      const m = fromDataUrl(ref);
      if (m) {
        out.media.push(m);
        texts.push(placeholderText(m));
      } else texts.push(`[${type} ${ref.length > 200 ? `${ref.slice(0, 200)}…` : ref}]`);
    } else if (type === "data") texts.push(JSON.stringify(p.data));
    else if (type === "document") texts.push(`[document ${str(p.filename) || str(p.document).slice(0, 200)}]`);
    else {
      skipped.add(`content block(s) of type \`${String(type)}\``);
      out.other++;
    }
  }
  out.text = texts.join("\n");
  return out;
}

export function inspectSampleTrajectory(
  file: string,
  rawSample: unknown,
  header: EvalHeader,
  where: Where,
): ParsedTrajectory {
  if (!isRec(rawSample) || !Array.isArray(rawSample.messages)) {
    throw parseError(file, "expected an Inspect sample {id, epoch, messages: [...]}", {
      ...where,
      field: where.field ? `${where.field}.messages` : "messages",
    });
  }
  const sample = rawSample;
  const skipped = new WarningCounter();
  const attachments = isRec(sample.attachments) ? sample.attachments : {};
  const stats: AttachmentStats = { resolved: 0, missing: 0 };
  const messages = resolveAttachments(sample.messages, attachments, stats) as unknown[];

  // Events: timestamps and usage by assistant message id, tool results by tool call id.
  const byMessage = new Map<string, EventInfo>();
  const modelEvents: EventInfo[] = [];
  const byToolCall = new Map<string, EventInfo>();
  let initTime: NormalizedTime = normalizeTimestamp(sample.started_at);
  let toolsRaw: unknown;
  for (const e of Array.isArray(sample.events) ? sample.events : []) {
    if (!isRec(e)) continue;
    if (e.event === "sample_init") {
      const t = normalizeTimestamp(e.timestamp);
      if (t.timestamp) initTime = t;
    } else if (e.event === "model") {
      const output = isRec(e.output) ? e.output : {};
      const info: EventInfo = { time: eventTime(e), usage: inspectUsage(output.usage) };
      modelEvents.push(info);
      const choice = Array.isArray(output.choices) && isRec(output.choices[0]) ? output.choices[0] : undefined;
      const id = choice && isRec(choice.message) ? str(choice.message.id) : "";
      if (id) byMessage.set(id, info);
      if (toolsRaw === undefined && Array.isArray(e.tools) && e.tools.length)
        toolsRaw = resolveAttachments(e.tools, attachments, stats);
    } else if (e.event === "tool") {
      const id = str(e.id);
      if (id) byToolCall.set(id, { time: eventTime(e), truncated: Array.isArray(e.truncated) });
    }
  }
  const generated = messages.filter((m) => isRec(m) && m.role === "assistant");
  // Without message ids, the n-th assistant message is the n-th model call only when counts agree.
  const ordinal = generated.length === modelEvents.length;

  const steps: ParsedStep[] = [];
  let assistantIndex = 0;
  let seenAssistant = false;
  let stepUsage: Usage | undefined;
  messages.forEach((m, i) => {
    if (!isRec(m)) {
      skipped.add("message(s) that are not objects");
      return;
    }
    const role = m.role;
    const mid = str(m.id);
    const source = { id: mid || `messages[${i}]` };
    const times = (t: NormalizedTime | undefined): Pick<ParsedStep, "timestamp" | "timestampRaw"> =>
      t?.timestamp
        ? { timestamp: t.timestamp, ...(t.timestampRaw !== undefined ? { timestampRaw: t.timestampRaw } : {}) }
        : {};
    const c = contentOf(m.content, skipped);
    if (role === "system") {
      steps.push({ kind: "system", text: c.text, source, ...times(seenAssistant ? undefined : initTime) });
    } else if (role === "user") {
      const toolCallId = str(m.tool_call_id);
      if (toolCallId) {
        const ev = byToolCall.get(toolCallId);
        steps.push({
          kind: "tool_result",
          callId: toolCallId,
          output: c.text,
          isError: false,
          truncated: ev?.truncated ?? false,
          source,
          ...times(ev?.time),
          ...(c.media.length ? { media: c.media } : {}),
        });
      } else
        steps.push({
          kind: "human",
          text: c.text,
          source,
          ...times(seenAssistant ? undefined : initTime),
          ...(c.media.length ? { media: c.media } : {}),
        });
    } else if (role === "assistant") {
      seenAssistant = true;
      const ev = (mid ? byMessage.get(mid) : undefined) ?? (ordinal ? modelEvents[assistantIndex] : undefined);
      assistantIndex++;
      const first = steps.length;
      const t = times(ev?.time);
      for (const r of c.reasoning) steps.push({ ...r, source, ...t });
      if (c.text || c.media.length)
        steps.push({ kind: "assistant", text: c.text, source, ...t, ...(c.media.length ? { media: c.media } : {}) });
      for (const tc of Array.isArray(m.tool_calls) ? m.tool_calls : []) {
        if (!isRec(tc)) continue;
        const callId = str(tc.id) || `inspect-${i}-${steps.length}`;
        const args = normalizeArguments(tc.arguments);
        // A call the model emitted with unparseable arguments keeps the error text beside them.
        if (str(tc.parse_error) && !args.argumentsRaw) args.argumentsRaw = JSON.stringify(tc.arguments ?? null);
        steps.push({ kind: "tool_call", callId, name: str(tc.function) || "unknown", ...args, source, ...t });
      }
      if (ev?.usage && steps.length > first) {
        steps[first].usage = ev.usage;
        stepUsage = addUsage(stepUsage, ev.usage);
      }
    } else if (role === "tool") {
      const callId = str(m.tool_call_id) || `inspect-orphan-${i}`;
      const ev = byToolCall.get(callId);
      const error = isRec(m.error) ? m.error : undefined;
      const errorText = error ? [str(error.type), str(error.message)].filter(Boolean).join(": ") : "";
      steps.push({
        kind: "tool_result",
        callId,
        ...(str(m.function) ? { name: str(m.function) } : {}),
        output: c.text || errorText,
        isError: error !== undefined,
        truncated: ev?.truncated ?? false,
        ...(error ? { structured: { error } } : {}),
        source,
        ...times(ev?.time),
        ...(c.media.length ? { media: c.media } : {}),
      });
    } else skipped.add(`message(s) with role \`${String(role)}\``);
  });

  if (!messages.length && typeof sample.input === "string")
    steps.push({ kind: "human", text: sample.input, ...(initTime.timestamp ? { timestamp: initTime.timestamp } : {}) });
  const completed = normalizeTimestamp(sample.completed_at);
  if (isRec(sample.limit)) {
    steps.push({
      kind: "meta",
      subtype: "interruption",
      text: `${str(sample.limit.type) || "sample"} limit reached${sample.limit.limit !== undefined ? ` (${String(sample.limit.limit)})` : ""}`,
      data: sample.limit,
      ...(completed.timestamp ? { timestamp: completed.timestamp } : {}),
    });
  }
  if (isRec(sample.error)) {
    steps.push({
      kind: "error",
      text: str(sample.error.message) || "sample error",
      code: "sample_error",
      ...(completed.timestamp ? { timestamp: completed.timestamp } : {}),
    });
  }

  let usage: Usage | undefined;
  if (isRec(sample.model_usage))
    for (const u of Object.values(sample.model_usage)) usage = addUsage(usage, inspectUsage(u));
  usage ??= stepUsage;

  const evalSpec = isRec(header.eval) ? header.eval : {};
  const packages = isRec(evalSpec.packages) ? evalSpec.packages : {};
  const warnings: string[] = [];
  const tools = toolsRaw !== undefined ? toolDefinitions(toolsRaw, warnings) : [];
  if (stats.missing)
    warnings.push(
      `${stats.missing} attachment reference(s) could not be resolved and were kept as \`attachment://\` links`,
    );
  warnings.push(...skipped.lines());
  const id = sample.id;
  const epoch = sample.epoch;
  const task = str(evalSpec.task);
  const extra: Rec = {
    sampleId: id,
    ...(epoch !== undefined ? { epoch } : {}),
    ...(task ? { task } : {}),
    ...(str(evalSpec.eval_id) ? { evalId: evalSpec.eval_id } : {}),
    ...(str(evalSpec.run_id) ? { runId: evalSpec.run_id } : {}),
    ...(typeof header.status === "string" ? { status: header.status } : {}),
    ...(sample.scores !== undefined ? { scores: sample.scores } : {}),
    ...(sample.target !== undefined ? { target: sample.target } : {}),
    ...(isRec(sample.metadata) && Object.keys(sample.metadata).length ? { metadata: sample.metadata } : {}),
    ...(typeof sample.total_time === "number" ? { totalTime: sample.total_time } : {}),
    ...(typeof sample.working_time === "number" ? { workingTime: sample.working_time } : {}),
    ...(stats.resolved ? { attachmentsResolved: stats.resolved } : {}),
  };
  const started = normalizeTimestamp(sample.started_at).timestamp ?? initTime.timestamp;
  const t: ParsedTrajectory = {
    format: "inspect-ai",
    title: `${task || "eval"} · sample ${String(id)}${epoch !== undefined ? ` (epoch ${String(epoch)})` : ""}`,
    tools,
    steps,
    source: {
      agent: "inspect-ai",
      ...(str(evalSpec.model) ? { model: str(evalSpec.model) } : {}),
      sessionId:
        str(sample.uuid) ||
        `${str(evalSpec.eval_id) || str(evalSpec.run_id) || task || "eval"}/${String(id)}/${String(epoch ?? 1)}`,
      ...(str(packages.inspect_ai) ? { version: str(packages.inspect_ai) } : {}),
      ...(started ? { startedAt: started } : {}),
      ...(completed.timestamp ? { endedAt: completed.timestamp } : {}),
      extra,
    },
    ...(usage ? { usage } : {}),
    warnings,
  };
  return finalizeTrajectory(t, file, where);
}
