/**
 * Google Gemini CLI chat recordings: the JSONL session log (`chats/session-*.jsonl`: a metadata
 * line, upserted message records, `$set` patches and `$rewindTo` truncations), the legacy
 * single-document `ConversationRecord` (`session-*.json`), and `/chat save` checkpoints (raw API
 * `Content[]`, bare or under `history`).
 */
import type { FormatInput, FormatModule, ParseOptions, DetectSample } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { openJsonSource } from "@/lib/formats/normalize/json-source";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { addUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { GeminiContentConverter, isRec } from "@/lib/formats/gemini-converter";
import { messageSteps } from "@/lib/formats/gemini-cli/messages";
import type { Rec } from "@/lib/formats/normalize/json-guards";

const MESSAGE_TYPES = new Set(["user", "gemini", "info", "error", "warning"]);

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
    if (!isRec(record))
      throw parseError(
        this.filename,
        `expected a JSON object (a Gemini CLI session record), got ${kindOf(record)}`,
        where,
      );
    const first = this.records === 0;
    this.records++;
    if (typeof record.$rewindTo === "string") {
      this.rewind(record.$rewindTo, line);
    } else if (isRec(record.$set)) {
      this.applyMetadata(record.$set, line);
    } else if (typeof record.id === "string" && !("sessionId" in record && "projectHash" in record)) {
      if (first && typeof record.type !== "string") {
        throw parseError(
          this.filename,
          "expected Gemini CLI session metadata ({sessionId, projectHash, ...}) or a message record ({id, type, content})",
          where,
        );
      }
      this.messages.set(record.id, { record, line });
    } else if (
      (typeof record.sessionId === "string" && typeof record.projectHash === "string") ||
      Array.isArray(record.messages)
    ) {
      this.applyMetadata(record, line);
    } else if (first) {
      throw parseError(
        this.filename,
        "expected Gemini CLI session metadata ({sessionId, projectHash, ...}); this is not a Gemini CLI session log",
        where,
      );
    } else {
      this.skipped.add("record(s) of unknown shape");
    }
  }

  private rewind(id: string, line?: number): void {
    const ids = [...this.messages.keys()];
    const at = ids.indexOf(id);
    // Gemini CLI itself clears the whole history when the rewind target is unknown.
    for (const drop of at < 0 ? ids : ids.slice(at)) this.messages.delete(drop);
    if (at < 0)
      this.notes.push(
        `$rewindTo${line ? ` on line ${line}` : ""} names unknown message ${id}; the history before it was cleared, as Gemini CLI does`,
      );
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
      if (before > 0)
        this.notes.push(
          `the message list was replaced${line ? ` on line ${line}` : ""} (${before} message(s) before, ${this.messages.size} after)`,
        );
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
    for (const k of ["projectHash", "kind", "directories", "summary", "memoryScratchpad", "activeExtensionName"])
      if (m[k] !== undefined) extra[k] = m[k];
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

function titleFrom(steps: ParsedStep[]): string | undefined {
  const first = steps.find((s) => s.kind === "human");
  if (!first || first.kind !== "human") return undefined;
  const line = first.text
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
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
    if (!isContent(c))
      throw parseError(filename, 'expected a Gemini Content object {role: "user"|"model", parts: [...]}', {
        field: `${field}[${i}]`,
      });
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
    return checkpointTrajectory(
      filename,
      doc.history,
      typeof doc.authType === "string" ? { authType: doc.authType } : {},
      "history",
    );
  }
  if (isRec(doc) && (typeof doc.sessionId === "string" || Array.isArray(doc.messages))) {
    if (!Array.isArray(doc.messages))
      throw parseError(filename, "expected `messages` to be an array of Gemini CLI message records", {
        field: "messages",
      });
    const builder = new GeminiSessionBuilder(filename);
    builder.push(doc);
    return builder.finish();
  }
  throw parseError(
    filename,
    "expected a Gemini CLI session ({sessionId, projectHash, messages}), a checkpoint ({history: Content[]}) or a Content[] array",
    { offset: 0 },
  );
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
    if (Array.isArray(doc) && doc.length > 0 && doc.every(isContent) && doc.some((c) => isRec(c) && c.role === "model"))
      return 0.85;
  }
  const recs = sample.records;
  if (recs && recs.length > 0) {
    const first = recs[0];
    if (
      isRec(first) &&
      typeof first.sessionId === "string" &&
      typeof first.projectHash === "string" &&
      !("type" in first)
    )
      return 0.95;
    const rest = recs.slice(1);
    const gemini = rest.filter(
      (r) =>
        isRec(r) &&
        (isRec(r.$set) ||
          typeof r.$rewindTo === "string" ||
          (typeof r.id === "string" && MESSAGE_TYPES.has(String(r.type)) && "content" in r)),
    );
    if (
      isRec(first) &&
      typeof first.id === "string" &&
      MESSAGE_TYPES.has(String(first.type)) &&
      "content" in first &&
      !("uuid" in first)
    )
      return 0.6;
    if (gemini.length > 0 && gemini.some((r) => isRec(r) && (r.type === "gemini" || "$set" in r || "$rewindTo" in r)))
      return 0.6;
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
