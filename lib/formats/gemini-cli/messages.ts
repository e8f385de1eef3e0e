/**
 * One Gemini CLI `MessageRecord` → steps. Tool calls and their results live inside the `gemini`
 * message (`toolCalls[]` with `args`, `result` parts and a scheduler `status`); thought summaries
 * (`thoughts[]`) become reasoning; `info`/`warning`/`error` records become meta and error steps.
 */
import type { MediaPlaceholder, ParsedStep, Usage } from "@/lib/trajectory/types";
import { normalizeTimestamp, type NormalizedTime } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import type { Rec } from "@/lib/formats/normalize/json-guards";
import { functionResponseOutput, isRec, textOfParts, usageFrom } from "@/lib/formats/gemini-converter";

/** Scheduler states of a call that has not finished; such a call has no result yet. */
const UNFINISHED = new Set(["scheduled", "validating", "executing", "awaiting_approval", "pending"]);

export interface MessageResult {
  steps: ParsedStep[];
  usage?: Usage;
  model?: string;
}

export function messageSteps(r: Rec, line: number | undefined, skipped: WarningCounter): MessageResult {
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
  if (type === "warning")
    return {
      steps: [
        { kind: "meta", subtype: "other", text: textOfParts(r.content, media), data: { level: "warning" }, ...base },
      ],
    };
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
    for (const p of r.content)
      if (isRec(p) && p.thought === true && typeof p.text === "string")
        steps.push({ kind: "reasoning", text: p.text, hidden: false, ...base });
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

function toolCallSteps(
  tc: Rec,
  index: number,
  msgTime: NormalizedTime,
  line: number | undefined,
  msgId: unknown,
  skipped: WarningCounter,
): ParsedStep[] {
  const callId = typeof tc.id === "string" && tc.id !== "" ? tc.id : `${String(msgId)}-call-${index + 1}`;
  const name = typeof tc.name === "string" && tc.name !== "" ? tc.name : "unknown";
  const call: ParsedStep = {
    kind: "tool_call",
    callId,
    name,
    ...normalizeArguments(tc.args),
    ...stepBase(msgTime, line, msgId),
  };
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
  if (!hasResult && tc.resultDisplay === undefined)
    skipped.add("tool call(s) with a final status but no recorded result");
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

function stepBase(
  time: NormalizedTime,
  line: number | undefined,
  id: unknown,
): Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> {
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
