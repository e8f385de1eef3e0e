/**
 * An OpenHands V0 event list → one trajectory: actions to calls, messages and reasoning;
 * observations to results joined by `cause`; usage once per LLM response.
 */
import type { MediaPlaceholder, ParsedStep, ParsedTrajectory, ToolDefinition, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { finalizeTrajectory, type Where } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { fromDataUrl, placeholderText } from "@/lib/formats/normalize/media";
import { addUsage, openAIChatUsage } from "@/lib/formats/normalize/usage";
import { toolDefinitions } from "@/lib/formats/normalize/tool-definitions";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";
import { fromFlatEvents, isFlatLayout } from "@/lib/formats/openhands/flat-events";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

const TRUNCATION_MARK = "[... Observation truncated due to length ...]";
/** Actions that never reach a tool: their observations (if any) are acknowledgements. */
const SKIPPED_ACTIONS = new Set(["change_agent_state", "recall", "null"]);
const SKIPPED_OBSERVATIONS = new Set(["agent_state_changed", "null", "think", "change_agent_state"]);

export const isEvent = (e: unknown): e is Rec =>
  isRec(e) && (typeof e.action === "string" || typeof e.observation === "string");

export interface Extra {
  sessionId?: string;
  meta: Rec;
  title?: string;
}

export function flatten(history: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const h of history) {
    if (Array.isArray(h)) out.push(...h);
    else out.push(h);
  }
  return out;
}

export function openHandsTrajectory(
  filename: string,
  rawEvents: unknown[],
  extra: Extra,
  where: Where = {},
  lineOf?: (i: number) => number | undefined,
): ParsedTrajectory {
  const listed = flatten(rawEvents);
  const flat = isFlatLayout(listed);
  const events = flat ? fromFlatEvents(listed) : listed;
  if (flat) extra = { ...extra, meta: { ...extra.meta, layout: "flat-events" } };
  if (!events.some(isEvent)) {
    throw parseError(
      filename,
      "expected OpenHands events: objects with `source` and `action` or `observation`",
      where.line !== undefined ? where : { ...where, field: where.field ?? "(events)" },
    );
  }
  const skipped = new WarningCounter();
  const steps: ParsedStep[] = [];
  const tools: ToolDefinition[] = [];
  const warnings: string[] = [];
  /** Event id → call id of the tool call made for it. */
  const callOfAction = new Map<number | string, string>();
  const seenResponses = new Set<string>();
  let usage: Usage | undefined;
  let model: string | undefined;
  let lastMetrics: Rec | undefined;

  events.forEach((e, i) => {
    if (!isEvent(e)) {
      skipped.add("item(s) that are not OpenHands events");
      return;
    }
    const line = lineOf?.(i);
    const time = normalizeTimestamp(e.timestamp);
    const eid = typeof e.id === "number" || typeof e.id === "string" ? e.id : undefined;
    const base: Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> = {
      ...(time.timestamp ? { timestamp: time.timestamp } : {}),
      ...(time.timestampRaw !== undefined ? { timestampRaw: time.timestampRaw } : {}),
      source: { ...(line !== undefined ? { line } : {}), ...(eid !== undefined ? { id: String(eid) } : {}) },
    };
    if (isRec(e.llm_metrics)) lastMetrics = e.llm_metrics;
    const args = isRec(e.args) ? e.args : {};
    const meta = isRec(e.tool_call_metadata) ? e.tool_call_metadata : undefined;

    if (typeof e.action === "string") {
      const action = e.action;
      const first = steps.length;
      // Reasoning and usage of the LLM response, once per response (parallel calls share it).
      const response = meta && isRec(meta.model_response) ? meta.model_response : undefined;
      let responseUsage: Usage | undefined;
      const responseId = response ? str(response.id) || `event-${String(eid)}` : undefined;
      if (response && responseId && !seenResponses.has(responseId)) {
        seenResponses.add(responseId);
        if (typeof response.model === "string") model ??= response.model;
        responseUsage = openAIChatUsage(response.usage);
        usage = addUsage(usage, responseUsage);
        const msg = responseMessage(response);
        const rc = msg ? str(msg.reasoning_content) : "";
        if (rc.trim()) steps.push({ kind: "reasoning", text: rc, hidden: false, ...base });
      }
      if (action === "system") {
        steps.push({ kind: "system", text: str(args.content) || str(e.message), ...base });
        tools.push(...toolDefinitions(args.tools, warnings));
      } else if (action === "message") {
        const { text, media } = messageContent(args, e);
        if (e.source === "user") steps.push({ kind: "human", text, ...base, ...(media.length ? { media } : {}) });
        else {
          if (str(args.thought).trim() && str(args.thought) !== text)
            steps.push({ kind: "assistant", text: str(args.thought), ...base });
          steps.push({ kind: "assistant", text, ...base, ...(media.length ? { media } : {}) });
        }
      } else if (action === "think") {
        steps.push({ kind: "reasoning", text: str(args.thought) || str(e.message), hidden: false, ...base });
      } else if (action === "finish") {
        const thought = str(args.thought).trim() ? str(args.thought) : "";
        const final = str(args.final_thought) || str(args.message) || str(e.message);
        if (thought && final !== thought) steps.push({ kind: "assistant", text: thought, ...base });
        if (final || !thought) steps.push({ kind: "assistant", text: final || "(finished)", ...base });
      } else if (action === "reject") {
        steps.push({ kind: "assistant", text: str(args.reason) || str(e.message), ...base });
      } else if (action === "condensation") {
        steps.push({
          kind: "meta",
          subtype: "compaction",
          text: str(args.summary) || str(e.message) || "history condensed",
          data: args,
          ...base,
        });
      } else if (SKIPPED_ACTIONS.has(action)) {
        skipped.add(`\`${action}\` action(s)`);
      } else {
        // A tool action: run, run_ipython, read, write, edit, browse, mcp, delegate, ...
        // `thought` is the text the model wrote beside the call: visible output, not hidden reasoning.
        if (str(args.thought).trim()) steps.push({ kind: "assistant", text: str(args.thought), ...base });
        const callId = str(meta?.tool_call_id) || `openhands-${String(eid ?? i)}`;
        const name = str(meta?.function_name) || (action === "mcp" && str(args.name)) || action;
        const raw = response ? rawArguments(response, callId) : undefined;
        const rest: Rec = { ...args };
        delete rest.thought;
        const parsedArgs = raw !== undefined ? normalizeArguments(raw) : { arguments: rest };
        steps.push({ kind: "tool_call", callId, name, ...parsedArgs, ...base });
        if (eid !== undefined) callOfAction.set(eid, callId);
      }
      if (responseUsage && steps.length > first) steps[first].usage = responseUsage;
      return;
    }

    const obs = str(e.observation);
    const content =
      str(e.content) || (typeof e.content === "object" && e.content !== null ? JSON.stringify(e.content) : "");
    const extras = isRec(e.extras) ? e.extras : {};
    const cause = typeof e.cause === "number" || typeof e.cause === "string" ? e.cause : undefined;
    const callId = str(meta?.tool_call_id) || (cause !== undefined ? callOfAction.get(cause) : undefined);
    if (obs === "agent_state_changed" && str(extras.agent_state) === "error") {
      steps.push({
        kind: "error",
        text: str(extras.reason) || content || "agent entered the error state",
        code: "agent_error",
        ...base,
      });
      return;
    }
    // `think` actions became reasoning, so their "thought logged" acknowledgements answer nothing.
    if (SKIPPED_OBSERVATIONS.has(obs)) {
      skipped.add(`\`${obs}\` observation(s)`);
      return;
    }
    if (obs === "recall") {
      steps.push({
        kind: "meta",
        subtype: "environment",
        text: content || recallSummary(extras),
        data: extras,
        ...base,
      });
      return;
    }
    if (!callId) {
      if (obs === "error" || obs === "user_rejected")
        steps.push({ kind: "error", text: content || str(e.message), code: obs, ...base });
      else
        steps.push({
          kind: "meta",
          subtype: "environment",
          text: content || str(e.message),
          data: { observation: obs, ...extras },
          ...base,
        });
      return;
    }
    const metadata = isRec(extras.metadata) ? extras.metadata : {};
    const exitCode =
      typeof metadata.exit_code === "number"
        ? metadata.exit_code
        : typeof extras.exit_code === "number"
          ? extras.exit_code
          : undefined;
    const isError =
      obs === "error" || obs === "user_rejected" || (exitCode !== undefined && exitCode !== 0) || e.success === false;
    const structured = Object.keys(extras).length ? { observation: obs, ...extras } : undefined;
    steps.push({
      kind: "tool_result",
      callId,
      ...(str(meta?.function_name) ? { name: str(meta?.function_name) } : {}),
      output: content,
      isError,
      truncated: content.includes(TRUNCATION_MARK),
      ...(structured ? { structured } : {}),
      ...base,
    });
  });

  if (!usage && lastMetrics && isRec(lastMetrics.accumulated_token_usage)) {
    const a = lastMetrics.accumulated_token_usage;
    usage = openAIChatUsage({ prompt_tokens: a.prompt_tokens, completion_tokens: a.completion_tokens });
    const cacheRead = a.cache_read_tokens;
    const cacheWrite = a.cache_write_tokens;
    if (usage && typeof cacheRead === "number" && Number.isInteger(cacheRead) && cacheRead >= 0)
      usage.cacheRead = cacheRead;
    if (usage && typeof cacheWrite === "number" && Number.isInteger(cacheWrite) && cacheWrite >= 0)
      usage.cacheWrite = cacheWrite;
  }
  const meta: Rec = { ...extra.meta };
  if (lastMetrics && typeof lastMetrics.accumulated_cost === "number")
    meta.accumulatedCost = lastMetrics.accumulated_cost;
  const times = steps
    .map((s) => s.timestamp)
    .filter((t): t is string => !!t)
    .sort();
  const task = steps.find((s) => s.kind === "human");
  const t: ParsedTrajectory = {
    format: "openhands",
    title: extra.title ?? (task && task.kind === "human" ? firstLine(task.text) : undefined),
    tools,
    steps,
    source: {
      agent: "openhands",
      ...(model ? { model } : {}),
      ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
      ...(times.length ? { startedAt: times[0], endedAt: times[times.length - 1] } : {}),
      ...(Object.keys(meta).length ? { extra: meta } : {}),
    },
    ...(usage ? { usage } : {}),
    warnings: [...warnings, ...skipped.lines()],
  };
  return finalizeTrajectory(t, filename, where);
}

function responseMessage(response: Rec): Rec | undefined {
  const choices = Array.isArray(response.choices) ? response.choices : [];
  const c = choices[0];
  return isRec(c) && isRec(c.message) ? c.message : undefined;
}

/** The arguments string the model actually produced, from the LLM response of the action. */
function rawArguments(response: Rec, callId: string): unknown {
  const msg = responseMessage(response);
  const calls = msg && Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
  for (const c of calls) {
    if (isRec(c) && c.id === callId && isRec(c.function)) return c.function.arguments;
  }
  return undefined;
}

function messageContent(args: Rec, e: Rec): { text: string; media: MediaPlaceholder[] } {
  const media: MediaPlaceholder[] = [];
  const parts = [str(args.content) || str(e.message)];
  for (const url of Array.isArray(args.image_urls) ? args.image_urls : []) {
    if (typeof url !== "string") continue;
    const m = fromDataUrl(url);
    if (m) {
      media.push(m);
      parts.push(placeholderText(m));
    } else parts.push(`[image ${url}]`);
  }
  return { text: parts.filter((p) => p !== "").join("\n"), media };
}

function recallSummary(extras: Rec): string {
  const bits = ["repo_name", "repo_directory", "runtime_hosts", "date"]
    .filter((k) => extras[k] !== undefined && extras[k] !== "")
    .map((k) => `${k}: ${JSON.stringify(extras[k])}`);
  return bits.length ? `workspace context (${bits.join(", ")})` : "workspace context";
}

export function firstLine(text: string): string | undefined {
  const line = text
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  if (!line) return undefined;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
