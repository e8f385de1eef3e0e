/**
 * Google Gemini CLI chat recordings: the JSONL session log (`chats/session-*.jsonl`: a metadata
 * line, upserted message records, `$set` patches and `$rewindTo` truncations), the legacy
 * single-document `ConversationRecord` (`session-*.json`), and `/chat save` checkpoints (raw API
 * `Content[]`, bare or under `history`).
 */
import type { FormatInput, FormatModule, ParseOptions, DetectSample } from "@/lib/formats/types";
import type { MediaPlaceholder, ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { openJsonSource } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp, type NormalizedTime } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { addUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { GeminiContentConverter, functionResponseOutput, isRec, stringifyValue, textOfParts, usageFrom } from "@/lib/formats/gemini-types";

type Rec = Record<string, unknown>;

const MESSAGE_TYPES = new Set(["user", "gemini", "info", "error", "warning"]);
/** Scheduler states of a call that has not finished; such a call has no result yet. */
const UNFINISHED = new Set(["scheduled", "validating", "executing", "awaiting_approval", "pending"]);

interface StoredMessage {
  record: Rec;
  line?: number;
}

/**
 * Replays a Gemini CLI session log one record at a time. Exported apart from the format module so
 * that a live recorder can feed lines as they are appended and call `finish()` whenever it needs
 * the current state (finish does not consume the builder).
 */
export class GeminiSessionBuilder {
  private metadata: Rec = {};
  /** Insertion order is message order; a re-appended id keeps its place and takes the new body. */
  private messages = new Map<string, StoredMessage>();
  private readonly skipped = new WarningCounter();
  private readonly notes: string[] = [];
  private records = 0;

  constructor(private readonly filename: string) {}

  push(record: unknown, line?: number): void {
    const where = line !== undefined ? { line } : {};
    if (!isRec(record)) throw parseError(this.filename, `expected a JSON object (a Gemini CLI session record), got ${kindOf(record)}`, where);
    const first = this.records === 0;
    this.records++;
    if (typeof record.$rewindTo === "string") {
      this.rewind(record.$rewindTo, line);
    } else if (isRec(record.$set)) {
      this.applyMetadata(record.$set, line);
    } else if (typeof record.id === "string" && !("sessionId" in record && "projectHash" in record)) {
      if (first && typeof record.type !== "string") {
        throw parseError(this.filename, "expected Gemini CLI session metadata ({sessionId, projectHash, ...}) or a message record ({id, type, content})", where);
      }
      this.messages.set(record.id, { record, line });
    } else if (typeof record.sessionId === "string" || Array.isArray(record.messages)) {
      this.applyMetadata(record, line);
    } else if (first) {
      throw parseError(this.filename, "expected Gemini CLI session metadata ({sessionId, projectHash, ...}); this is not a Gemini CLI session log", where);
    } else {
      this.skipped.add("record(s) of unknown shape");
    }
  }

  private rewind(id: string, line?: number): void {
    const ids = [...this.messages.keys()];
    const at = ids.indexOf(id);
    // Gemini CLI itself clears the whole history when the rewind target is unknown.
    for (const drop of at < 0 ? ids : ids.slice(at)) this.messages.delete(drop);
    if (at < 0) this.notes.push(`$rewindTo${line ? ` on line ${line}` : ""} names unknown message ${id}; the history before it was cleared, as Gemini CLI does`);
  }

  private applyMetadata(patch: Rec, line?: number): void {
    const { messages, ...rest } = patch;
    this.metadata = { ...this.metadata, ...rest };
    // An empty list is ignored, as Gemini CLI's own loader does (metadata lines may carry `[]`).
    if (Array.isArray(messages) && messages.length > 0) {
      // A `messages` patch is the history after masking or compression: it replaces the list.
      const before = this.messages.size;
      this.messages = new Map();
      let noId = 0;
      for (const m of messages) {
        if (isRec(m) && typeof m.id === "string") this.messages.set(m.id, { record: m, line });
        else noId++;
      }
      if (noId) this.skipped.add(`message(s) without an id in a messages list (${noId})`);
      if (before > 0) this.notes.push(`the message list was replaced${line ? ` on line ${line}` : ""} (${before} message(s) before, ${this.messages.size} after)`);
    }
  }

  finish(): ParsedTrajectory {
    const steps: ParsedStep[] = [];
    const warnings: string[] = [...this.notes];
    const skipped = new WarningCounter();
    let usage: Usage | undefined;
    let model: string | undefined;
    for (const { record, line } of this.messages.values()) {
      const r = messageSteps(record, line, skipped);
      steps.push(...r.steps);
      usage = addUsage(usage, r.usage);
      if (r.model) model = r.model;
    }
    warnings.push(...this.skipped.lines(), ...skipped.lines());
    const m = this.metadata;
    const started = normalizeTimestamp(m.startTime).timestamp;
    const ended = normalizeTimestamp(m.lastUpdated).timestamp;
    const extra: Rec = {};
    for (const k of ["projectHash", "kind", "directories", "summary", "memoryScratchpad", "activeExtensionName"]) if (m[k] !== undefined) extra[k] = m[k];
    const t: ParsedTrajectory = {
      format: "gemini-cli",
      title: typeof m.summary === "string" && m.summary ? m.summary : titleFrom(steps),
      tools: [],
      steps,
      source: {
        agent: "gemini-cli",
        ...(model ? { model } : {}),
        ...(typeof m.sessionId === "string" && m.sessionId ? { sessionId: m.sessionId } : {}),
        ...(started ? { startedAt: started } : {}),
        ...(ended ? { endedAt: ended } : {}),
        ...(Object.keys(extra).length ? { extra } : {}),
      },
      ...(usage ? { usage } : {}),
      warnings,
    };
    if (m.kind === "subagent") for (const s of t.steps) s.sidechain = true;
    return finalizeTrajectory(t, this.filename);
  }
}

interface MessageResult {
  steps: ParsedStep[];
  usage?: Usage;
  model?: string;
}

function messageSteps(r: Rec, line: number | undefined, skipped: WarningCounter): MessageResult {
  const type = r.type;
  const time = normalizeTimestamp(r.timestamp);
  const base = stepBase(time, line, r.id);
  const media: MediaPlaceholder[] = [];
  const withMedia = () => (media.length ? { media: [...media] } : {});
  if (type === "user") {
    const text = textOfParts(r.content, media);
    const ref = functionResponsesIn(r.content);
    if (ref && !text) {
      // Some versions record the functionResponse turn as a user message; the result already sits
      // in the gemini message's toolCalls, so it is not a human turn.
      skipped.add("user record(s) holding only function responses");
      return { steps: [] };
    }
    return { steps: [{ kind: "human", text, ...base, ...withMedia() }] };
  }
  if (type === "info") {
    const text = textOfParts(r.content, media);
    const interrupted = /request cancelled|interrupted/i.test(text);
    return { steps: [{ kind: "meta", subtype: interrupted ? "interruption" : "other", text, ...base }] };
  }
  if (type === "error") return { steps: [{ kind: "error", text: textOfParts(r.content, media), ...base }] };
  if (type === "warning") return { steps: [{ kind: "meta", subtype: "other", text: textOfParts(r.content, media), data: { level: "warning" }, ...base }] };
  if (type !== "gemini") {
    skipped.add(`message record(s) of unknown type \`${String(type)}\``);
    return { steps: [] };
  }
  const steps: ParsedStep[] = [];
  for (const th of Array.isArray(r.thoughts) ? r.thoughts : []) {
    if (!isRec(th)) continue;
    const subject = typeof th.subject === "string" ? th.subject.trim() : "";
    const description = typeof th.description === "string" ? th.description.trim() : "";
    const text = subject && description ? `**${subject}**\n${description}` : subject || description;
    const tt = normalizeTimestamp(th.timestamp);
    steps.push({ kind: "reasoning", text, hidden: false, ...stepBase(tt.timestamp ? tt : time, line, r.id) });
  }
  // Raw thought parts can also sit in content (checkpoint-style records).
  if (Array.isArray(r.content)) {
    for (const p of r.content) if (isRec(p) && p.thought === true && typeof p.text === "string") steps.push({ kind: "reasoning", text: p.text, hidden: false, ...base });
  }
  const text = textOfParts(r.content, media);
  const usage = geminiCliTokens(r.tokens);
  if (text || media.length) steps.push({ kind: "assistant", text, ...base, ...withMedia() });
  const calls = Array.isArray(r.toolCalls) ? r.toolCalls : [];
  calls.forEach((tc, i) => {
    if (!isRec(tc)) skipped.add("tool call record(s) that are not objects");
    else steps.push(...toolCallSteps(tc, i, time, line, r.id, skipped));
  });
  if (usage) {
    const target = steps.find((s) => s.kind === "assistant") ?? steps[0];
    if (target) target.usage = usage;
  }
  return { steps, usage, model: typeof r.model === "string" ? r.model : undefined };
}

function toolCallSteps(tc: Rec, index: number, msgTime: NormalizedTime, line: number | undefined, msgId: unknown, skipped: WarningCounter): ParsedStep[] {
  const callId = typeof tc.id === "string" && tc.id !== "" ? tc.id : `${String(msgId)}-call-${index + 1}`;
  const name = typeof tc.name === "string" && tc.name !== "" ? tc.name : "unknown";
  const call: ParsedStep = { kind: "tool_call", callId, name, ...normalizeArguments(tc.args), ...stepBase(msgTime, line, msgId) };
  const status = typeof tc.status === "string" ? tc.status : "";
  const hasResult = tc.result !== undefined && tc.result !== null;
  if (!hasResult && (UNFINISHED.has(status) || (status === "" && tc.resultDisplay === undefined))) return [call];
  const media: MediaPlaceholder[] = [];
  const outputs: string[] = [];
  let responseError = false;
  const result = tc.result;
  if (typeof result === "string") outputs.push(result);
  else if (hasResult) {
    const parts = Array.isArray(result) ? result : [result];
    for (const p of parts) {
      if (isRec(p) && isRec(p.functionResponse)) {
        const fr = functionResponseOutput(p.functionResponse);
        outputs.push(fr.output);
        media.push(...fr.media);
        responseError ||= fr.isError;
      } else {
        const t = textOfParts([p], media);
        if (t) outputs.push(t);
      }
    }
  }
  if (!outputs.length && typeof tc.resultDisplay === "string") outputs.push(tc.resultDisplay);
  if (!outputs.length && status === "cancelled") outputs.push("[cancelled]");
  if (!hasResult && tc.resultDisplay === undefined) skipped.add("tool call(s) with a final status but no recorded result");
  const tt = normalizeTimestamp(tc.timestamp);
  const structured = isRec(tc.resultDisplay) ? { resultDisplay: tc.resultDisplay } : undefined;
  const res: ParsedStep = {
    kind: "tool_result",
    callId,
    name,
    output: outputs.join("\n"),
    isError: status === "error" || status === "cancelled" || responseError,
    truncated: false,
    ...(structured ? { structured } : {}),
    ...stepBase(tt.timestamp ? tt : msgTime, line, msgId),
    ...(media.length ? { media } : {}),
  };
  return [call, res];
}

function functionResponsesIn(content: unknown): boolean {
  return Array.isArray(content) && content.length > 0 && content.every((p) => isRec(p) && isRec(p.functionResponse));
}

function stepBase(time: NormalizedTime, line: number | undefined, id: unknown): Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> {
  const out: Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> = {};
  if (time.timestamp) out.timestamp = time.timestamp;
  if (time.timestampRaw !== undefined) out.timestampRaw = time.timestampRaw;
  const source: { line?: number; id?: string } = {};
  if (line !== undefined) source.line = line;
  if (typeof id === "string") source.id = id;
  if (Object.keys(source).length) out.source = source;
  return out;
}

/** Gemini CLI `tokens` = {input, output, cached, thoughts, tool, total}. */
function geminiCliTokens(t: unknown): Usage | undefined {
  if (!isRec(t)) return undefined;
  return usageFrom({ input: t.input, output: t.output, cacheRead: t.cached, reasoning: t.thoughts, total: t.total });
}

function titleFrom(steps: ParsedStep[]): string | undefined {
  const first = steps.find((s) => s.kind === "human");
  if (!first || first.kind !== "human") return undefined;
  const line = first.text.split("\n").find((l) => l.trim() !== "")?.trim();
  if (!line) return undefined;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  return `a ${typeof v}`;
}

// ---------------------------------------------------------------------------------------------
// Checkpoints: raw API history

function isContent(v: unknown): boolean {
  return isRec(v) && (v.role === "user" || v.role === "model") && Array.isArray(v.parts);
}

function checkpointTrajectory(filename: string, contents: unknown[], extra: Rec, field: string): ParsedTrajectory {
  const warnings = new WarningCounter();
  const converter = new GeminiContentConverter("gemini-call", warnings);
  const steps: ParsedStep[] = [];
  contents.forEach((c, i) => {
    if (!isContent(c)) throw parseError(filename, "expected a Gemini Content object {role: \"user\"|\"model\", parts: [...]}", { field: `${field}[${i}]` });
    steps.push(...converter.convert(c, { id: `${field || "contents"}[${i}]` }));
  });
  const t: ParsedTrajectory = {
    format: "gemini-cli",
    title: titleFrom(steps),
    tools: [],
    steps,
    source: { agent: "gemini-cli", extra: { checkpoint: true, ...extra } },
    warnings: warnings.lines(),
  };
  return finalizeTrajectory(t, filename);
}

// ---------------------------------------------------------------------------------------------
// Module

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const src = await openJsonSource(input, opts.maxDocumentBytes);
  if (src.kind === "lines") {
    const builder = new GeminiSessionBuilder(input.filename);
    let first = true;
    for await (const { line, value } of src.lines) {
      if (first && (Array.isArray(value) || (isRec(value) && Array.isArray(value.history)))) {
        // A checkpoint written on one line: a single document, not a log.
        yield documentTrajectory(input.filename, value);
        return;
      }
      first = false;
      builder.push(value, line);
    }
    yield builder.finish();
    return;
  }
  yield documentTrajectory(input.filename, src.value);
}

function documentTrajectory(filename: string, doc: unknown): ParsedTrajectory {
  if (Array.isArray(doc)) return checkpointTrajectory(filename, doc, {}, "");
  if (isRec(doc) && Array.isArray(doc.history)) {
    return checkpointTrajectory(filename, doc.history, typeof doc.authType === "string" ? { authType: doc.authType } : {}, "history");
  }
  if (isRec(doc) && (typeof doc.sessionId === "string" || Array.isArray(doc.messages))) {
    if (!Array.isArray(doc.messages)) throw parseError(filename, "expected `messages` to be an array of Gemini CLI message records", { field: "messages" });
    const builder = new GeminiSessionBuilder(filename);
    builder.push(doc);
    return builder.finish();
  }
  throw parseError(filename, "expected a Gemini CLI session ({sessionId, projectHash, messages}), a checkpoint ({history: Content[]}) or a Content[] array", { offset: 0 });
}

const HEAD_SESSION = /^\s*\{\s*"sessionId"\s*:\s*"[^"]*"\s*,\s*"projectHash"\s*:/;
const HEAD_CHECKPOINT = /^\s*\{\s*"history"\s*:\s*\[\s*\{\s*"role"\s*:\s*"(user|model)"\s*,\s*"parts"\s*:/;
const HEAD_CONTENTS = /^\s*\[\s*\{\s*"role"\s*:\s*"(user|model)"\s*,\s*"parts"\s*:/;

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const doc = sample.document;
  if (doc !== undefined) {
    if (isRec(doc)) {
      if (typeof doc.sessionId === "string" && "projectHash" in doc && Array.isArray(doc.messages)) return 0.95;
      if (Array.isArray(doc.history) && doc.history.length > 0 && doc.history.every(isContent)) return 0.9;
    }
    if (Array.isArray(doc) && doc.length > 0 && doc.every(isContent) && doc.some((c) => isRec(c) && c.role === "model")) return 0.85;
  }
  const recs = sample.records;
  if (recs && recs.length > 0) {
    const first = recs[0];
    if (isRec(first) && typeof first.sessionId === "string" && typeof first.projectHash === "string" && !("type" in first)) return 0.95;
    const rest = recs.slice(1);
    const gemini = rest.filter((r) => isRec(r) && (isRec(r.$set) || typeof r.$rewindTo === "string" || (typeof r.id === "string" && MESSAGE_TYPES.has(String(r.type)) && "content" in r)));
    if (isRec(first) && typeof first.id === "string" && MESSAGE_TYPES.has(String(first.type)) && "content" in first && !("uuid" in first)) return 0.6;
    if (gemini.length > 0 && gemini.some((r) => isRec(r) && (r.type === "gemini" || "$set" in r || "$rewindTo" in r))) return 0.6;
  }
  if (doc === undefined && !recs) {
    if (HEAD_SESSION.test(sample.head)) return 0.9;
    if (HEAD_CHECKPOINT.test(sample.head)) return 0.8;
    if (HEAD_CONTENTS.test(sample.head) && /"role"\s*:\s*"model"/.test(sample.head)) return 0.7;
  }
  return 0;
}

export const geminiCliFormat: FormatModule = {
  name: "gemini-cli",
  label: "Gemini CLI session (JSONL, legacy JSON, checkpoint)",
  detect,
  parse,
};
