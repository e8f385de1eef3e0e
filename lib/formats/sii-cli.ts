/**
 * SII CLI raw session logs (the input of GAIR-NLP/LIMI's `events2messages.py`):
 * `{id, model, created, events:[{type, data, timestamp?}]}`. The last `api_request_full` event holds
 * the whole Gemini `Content[]` history, the system instruction and the tool declarations.
 *
 * Beyond what LIMI's converter kept, this importer recovers: thought parts (reasoning), tool error
 * payloads (`functionResponse.response.error` → isError), per-step timestamps (the first request
 * that carried each turn, or the response event that produced it), token usage from response
 * events, and the final model reply when a response event follows the last request.
 */
import { createHash } from "node:crypto";
import type { DetectSample, FormatInput, FormatModule, ParseOptions } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, ToolDefinition, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp, type NormalizedTime } from "@/lib/formats/normalize/timestamp";
import { openAIChatUsage, addUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import {
  GeminiContentConverter,
  geminiToolDefinitions,
  geminiUsage,
  isRec,
  textOfParts,
} from "@/lib/formats/gemini-converter";
import type { Rec } from "@/lib/formats/normalize/json-guards";

const REQUEST = "api_request_full";

interface RequestEvent {
  index: number;
  time: NormalizedTime;
  request: Rec;
}

interface ResponseEvent {
  index: number;
  time: NormalizedTime;
  content: Rec | null;
  usage?: Usage;
}

function eventTime(e: Rec): NormalizedTime {
  const data = isRec(e.data) ? e.data : {};
  return normalizeTimestamp(e.timestamp ?? e.time ?? e.created ?? e.ts ?? data.timestamp ?? data.time);
}

/** Finds the model turn a response event carries, whatever envelope the logger used. */
function responseContent(data: Rec): Rec | null {
  const roots = [data, data.response, data.full_response, data.result].filter(isRec);
  for (const r of roots) {
    if (Array.isArray(r.candidates) && isRec(r.candidates[0]) && isRec(r.candidates[0].content))
      return r.candidates[0].content;
    if (isRec(r.content) && Array.isArray(r.content.parts)) return r.content;
    if (r.role === "model" && Array.isArray(r.parts)) return r;
  }
  return null;
}

function responseUsage(data: Rec): Usage | undefined {
  const roots = [data, data.response, data.full_response, data.result].filter(isRec);
  for (const r of roots) {
    const u = geminiUsage(r.usageMetadata ?? r.usage_metadata) ?? openAIChatUsage(r.usage);
    if (u) return u;
  }
  return undefined;
}

function systemText(v: unknown): string {
  if (typeof v === "string") return v;
  if (isRec(v)) return textOfParts(v.parts ?? (typeof v.text === "string" ? [v] : []), []);
  if (Array.isArray(v)) return textOfParts(v, []);
  return "";
}

const fingerprint = (v: unknown): string =>
  createHash("sha1")
    .update(JSON.stringify(v) ?? "")
    .digest("base64");

/** Key of the n-th occurrence of the same content inside one history, so repeated turns stay apart. */
function historyKeys(messages: unknown[]): string[] {
  const seen = new Map<string, number>();
  return messages.map((m) => {
    const fp = fingerprint(m);
    const n = (seen.get(fp) ?? 0) + 1;
    seen.set(fp, n);
    return `${fp}#${n}`;
  });
}

export function siiTrajectory(filename: string, doc: unknown): ParsedTrajectory {
  if (!isRec(doc) || !Array.isArray(doc.events)) {
    throw parseError(
      filename,
      "expected an SII CLI raw log: an object {id, model, created, events: [...]}",
      isRec(doc) ? { field: "events" } : { offset: 0 },
    );
  }
  const events = doc.events;
  const skipped = new WarningCounter();
  const requests: RequestEvent[] = [];
  const responses: ResponseEvent[] = [];
  events.forEach((e, index) => {
    if (!isRec(e) || typeof e.type !== "string") {
      skipped.add("event(s) without a type");
      return;
    }
    const data = isRec(e.data) ? e.data : {};
    if (e.type === REQUEST) {
      const request = data.full_request;
      if (!isRec(request))
        throw parseError(filename, "expected `data.full_request` to be an object", {
          field: `events[${index}].data.full_request`,
        });
      requests.push({ index, time: eventTime(e), request });
      return;
    }
    const content = responseContent(data);
    const usage = responseUsage(data);
    if (content || usage || /response/i.test(e.type)) responses.push({ index, time: eventTime(e), content, usage });
    else skipped.add(`event(s) of type \`${e.type}\``);
  });
  if (!requests.length)
    throw parseError(filename, `no \`${REQUEST}\` event; an SII CLI raw log records each model request as one`, {
      field: "events",
    });

  const last = requests[requests.length - 1];
  const history = last.request.messages;
  if (!Array.isArray(history)) {
    throw parseError(filename, "expected `messages` to be an array of Gemini Content objects", {
      field: `events[${last.index}].data.full_request.messages`,
    });
  }

  // Tools and system instruction: LIMI unions declarations over all requests; so do we (the latest
  // declaration of a name wins, first-seen order is kept).
  const tools = new Map<string, ToolDefinition>();
  let systemPrompt = "";
  let systemTime: NormalizedTime | undefined;
  for (const r of requests) {
    geminiToolDefinitions(r.request.tools, tools, skipped);
    const s = systemText(r.request.system_instruction ?? r.request.systemInstruction);
    if (s) {
      systemPrompt = s;
      systemTime ??= r.time;
    }
  }

  // When was each turn first sent? Turn k of the final history first appears in request j; a user
  // turn was sent at j, a model turn was produced by the response to request j-1.
  const firstSeen = new Map<string, number>();
  requests.forEach((r, j) => {
    const msgs = Array.isArray(r.request.messages) ? r.request.messages : [];
    for (const key of historyKeys(msgs)) if (!firstSeen.has(key)) firstSeen.set(key, j);
  });
  const responseBetween = (from: number, to: number): ResponseEvent | undefined => {
    let found: ResponseEvent | undefined;
    for (const r of responses) if (r.index > from && r.index < to && r.content) found = r;
    return found;
  };

  const converter = new GeminiContentConverter("sii-call", skipped);
  const steps: ParsedStep[] = [];
  const usedResponses = new Set<ResponseEvent>();
  const keys = historyKeys(history);
  history.forEach((content, k) => {
    const j = firstSeen.get(keys[k]) ?? requests.length - 1;
    let time = requests[j].time;
    let produced: ResponseEvent | undefined;
    if (isRec(content) && content.role === "model" && j > 0) {
      produced = responseBetween(requests[j - 1].index, requests[j].index);
      if (produced?.time.timestamp) time = produced.time;
    }
    const out = converter.convert(content, { ...time, id: `history[${k}]` });
    if (produced?.usage && !usedResponses.has(produced) && out.length) {
      usedResponses.add(produced);
      out[0].usage = produced.usage;
    }
    steps.push(...out);
  });

  // The reply to the last request is not in any request; LIMI's converter lost it.
  const finalReply = [...responses].reverse().find((r) => r.index > last.index && r.content);
  if (
    finalReply?.content &&
    !(history.length && fingerprint(history[history.length - 1]) === fingerprint(finalReply.content))
  ) {
    const out = converter.convert(
      { role: "model", ...finalReply.content },
      { ...finalReply.time, id: `events[${finalReply.index}]` },
    );
    if (finalReply.usage && out.length) out[0].usage = finalReply.usage;
    usedResponses.add(finalReply);
    steps.push(...out);
  }

  if (systemPrompt)
    steps.unshift({
      kind: "system",
      text: systemPrompt,
      ...timeFields(systemTime ?? {}),
      source: { id: "system_instruction" },
    });

  let usage: Usage | undefined;
  for (const r of responses) usage = addUsage(usage, r.usage);

  const created = normalizeTimestamp(doc.created);
  const lastTime = [...requests.map((r) => r.time), ...responses.map((r) => r.time)]
    .map((t) => t.timestamp)
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
  const warnings = skipped.lines();
  const t: ParsedTrajectory = {
    format: "sii-cli",
    title: titleFrom(steps),
    tools: [...tools.values()],
    steps,
    source: {
      agent: "sii-cli",
      ...(typeof doc.model === "string" ? { model: doc.model } : {}),
      ...(typeof doc.id === "string" && doc.id ? { sessionId: doc.id } : {}),
      ...(created.timestamp ? { startedAt: created.timestamp } : {}),
      ...(lastTime ? { endedAt: lastTime } : {}),
      extra: {
        events: events.length,
        requests: requests.length,
        ...(created.timestampRaw !== undefined ? { created: created.timestampRaw } : {}),
        ...(finalReply ? { finalReplyFromEvent: finalReply.index } : {}),
      },
    },
    ...(usage ? { usage } : {}),
    warnings,
  };
  return finalizeTrajectory(t, filename);
}

function timeFields(t: NormalizedTime): Pick<ParsedStep, "timestamp" | "timestampRaw"> {
  return {
    ...(t.timestamp ? { timestamp: t.timestamp } : {}),
    ...(t.timestampRaw !== undefined ? { timestampRaw: t.timestampRaw } : {}),
  };
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

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const doc = await readJsonDocument(input, opts.maxDocumentBytes);
  yield siiTrajectory(input.filename, doc);
}

const HEAD_EVENTS = /"events"\s*:\s*\[/;
const HEAD_REQUEST = /"type"\s*:\s*"api_request_full"/;

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const doc = sample.document;
  if (doc !== undefined) {
    if (isRec(doc) && Array.isArray(doc.events) && doc.events.some((e) => isRec(e) && e.type === REQUEST)) return 0.95;
    return 0;
  }
  if (sample.records) {
    // One raw log per line (a JSONL export of several sessions) is not this format's layout.
    return 0;
  }
  if (HEAD_EVENTS.test(sample.head) && HEAD_REQUEST.test(sample.head)) return 0.9;
  return 0;
}

export const siiCliFormat: FormatModule = {
  name: "sii-cli",
  label: "SII CLI raw log (LIMI)",
  detect,
  parse,
};
