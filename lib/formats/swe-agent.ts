/**
 * SWE-agent `.traj` files: `{trajectory:[{thought, action, observation, response, state,
 * execution_time, query|messages, tool_calls?, thinking_blocks?}], history:[…], info:{exit_status,
 * submission, model_stats}, replay_config, environment}`.
 *
 * The prelude (system prompt, task) comes from `history`; demonstrations (`is_demo`) are dropped
 * with a warning. Each trajectory step becomes reasoning (thinking blocks), assistant text (thought), one tool call
 * and its observation. Later user items in `history` become human turns only when marked
 * (`message_type` "user"/"human" or a "human" tag). SWE-agent records no exit codes, so a result is flagged as an error only
 * when the observation carries one of SWE-agent's own error texts (see `ERROR_PATTERNS`).
 * The format has no timestamps.
 */
import type { DetectSample, FormatInput, FormatModule, ParseOptions } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Observation texts that SWE-agent, its tools or the shell print when an action failed. */
export const ERROR_PATTERNS: RegExp[] = [
  /^Traceback \(most recent call last\):/m,
  /: command not found$/m,
  /No such file or directory/,
  /^Error: /m,
  /^ERROR: /m,
  /Your proposed edit has introduced new syntax error/,
  /No replacement was performed/,
  /was cancelled because it took more than \d+ seconds/,
  /^Usage: /m,
];

export const looksLikeError = (observation: string): boolean => ERROR_PATTERNS.some((re) => re.test(observation));

function contentText(c: unknown): string {
  if (typeof c === "string") return c;
  if (Array.isArray(c))
    return c.map((p) => (isRec(p) && typeof p.text === "string" ? p.text : typeof p === "string" ? p : "")).join("");
  return "";
}

interface Interjection {
  afterStep: number;
  text: string;
}

export function sweAgentTrajectory(filename: string, doc: unknown): ParsedTrajectory {
  if (!isRec(doc) || !Array.isArray(doc.trajectory)) {
    throw parseError(
      filename,
      "expected a SWE-agent trajectory: an object {trajectory: [...], history: [...], info: {...}}",
      isRec(doc) ? { field: "trajectory" } : { offset: 0 },
    );
  }
  const trajectory = doc.trajectory;
  const skipped = new WarningCounter();
  const steps: ParsedStep[] = [];

  // The chat view holds what the trajectory does not: the system prompt and the task.
  let history: unknown[] = Array.isArray(doc.history) ? doc.history : [];
  if (!history.length && isRec(trajectory[0])) {
    const q = trajectory[0].query ?? trajectory[0].messages;
    if (Array.isArray(q)) history = q;
  }
  let demos = 0;
  let assistants = 0;
  const interjections: Interjection[] = [];
  history.forEach((h, i) => {
    if (!isRec(h)) return;
    if (h.is_demo === true) {
      demos++;
      return;
    }
    const role = h.role;
    const text = contentText(h.content);
    if (role === "assistant") {
      assistants++;
      return;
    }
    if (assistants === 0) {
      if (role === "system") steps.push({ kind: "system", text, source: { id: `history[${i}]` } });
      else if (role === "user") steps.push({ kind: "human", text, source: { id: `history[${i}]` } });
      return;
    }
    // After the loop started, user items are observations (and stage summaries) unless a human
    // marker says otherwise: SWE-agent has no standard one, so only explicit markers count.
    const tags = Array.isArray(h.tags) ? h.tags : [];
    if (role === "user" && (h.message_type === "user" || h.message_type === "human" || tags.includes("human"))) {
      interjections.push({ afterStep: assistants, text });
    }
  });
  if (demos) skipped.add(`demonstration message(s) (${demos}) from history`);

  trajectory.forEach((raw, i) => {
    if (!isRec(raw)) {
      throw parseError(filename, "expected a trajectory step object {thought, action, observation, ...}", {
        field: `trajectory[${i}]`,
      });
    }
    const id = `trajectory[${i}]`;
    for (const tb of Array.isArray(raw.thinking_blocks) ? raw.thinking_blocks : []) {
      if (!isRec(tb)) continue;
      const text = str(tb.thinking) || str(tb.text);
      const opaque = str(tb.signature) || str(tb.data);
      steps.push({ kind: "reasoning", text, hidden: !text, ...(opaque ? { opaque } : {}), source: { id } });
    }
    if (str(raw.reasoning_content).trim())
      steps.push({ kind: "reasoning", text: str(raw.reasoning_content), hidden: false, source: { id } });
    // `thought` is the model's visible text before its command (parsed from the response), not
    // hidden reasoning: it is assistant text, and would otherwise land in reasoning_content on export.
    const thought = str(raw.thought);
    if (thought.trim()) steps.push({ kind: "assistant", text: thought, source: { id } });

    const action = str(raw.action);
    const observation = str(raw.observation);
    const calls = Array.isArray(raw.tool_calls) ? raw.tool_calls.filter(isRec) : [];
    const ids: string[] = [];
    if (calls.length) {
      calls.forEach((tc, k) => {
        const fn = isRec(tc.function) ? tc.function : tc;
        const callId = str(tc.id) || `swe-step-${i + 1}-${k + 1}`;
        ids.push(callId);
        steps.push({
          kind: "tool_call",
          callId,
          name: str(fn.name) || "unknown",
          ...normalizeArguments(fn.arguments),
          source: { id },
        });
      });
    } else if (action.trim()) {
      // Text-mode actions are shell input (SWE-agent's commands are shell functions).
      const callId = `swe-step-${i + 1}`;
      ids.push(callId);
      steps.push({ kind: "tool_call", callId, name: "bash", arguments: { command: action }, source: { id } });
    }
    const state = isRec(raw.state) && Object.keys(raw.state).length ? raw.state : undefined;
    const executionTime = typeof raw.execution_time === "number" ? raw.execution_time : undefined;
    if (ids.length) {
      const structured =
        state || executionTime !== undefined
          ? { ...(state ? { state } : {}), ...(executionTime !== undefined ? { executionTime } : {}) }
          : undefined;
      steps.push({
        kind: "tool_result",
        callId: ids[0],
        output: observation,
        isError: looksLikeError(observation),
        truncated: false,
        ...(structured ? { structured } : {}),
        source: { id },
      });
    } else if (observation.trim()) {
      steps.push({ kind: "meta", subtype: "environment", text: observation, source: { id } });
    }
    for (const h of interjections)
      if (h.afterStep === i + 1) steps.push({ kind: "human", text: h.text, source: { id: `after ${id}` } });
  });
  const late = interjections.filter((h) => h.afterStep > trajectory.length);
  for (const h of late) steps.push({ kind: "human", text: h.text });

  const info = isRec(doc.info) ? doc.info : {};
  const exit = str(info.exit_status);
  if (/exit_/.test(exit))
    steps.push({ kind: "error", text: `SWE-agent stopped: ${exit}`, code: exit, source: { id: "info.exit_status" } });

  const stats = isRec(info.model_stats) ? info.model_stats : {};
  const usage: Usage = {};
  if (typeof stats.tokens_sent === "number" && Number.isInteger(stats.tokens_sent) && stats.tokens_sent >= 0)
    usage.input = stats.tokens_sent;
  if (
    typeof stats.tokens_received === "number" &&
    Number.isInteger(stats.tokens_received) &&
    stats.tokens_received >= 0
  )
    usage.output = stats.tokens_received;

  const replay = replayConfig(doc.replay_config);
  const model = modelName(replay);
  const extra: Rec = {};
  if (exit) extra.exitStatus = exit;
  if (info.submission !== undefined && info.submission !== null) extra.submission = info.submission;
  if (Object.keys(stats).length) extra.modelStats = stats;
  if (typeof doc.environment === "string") extra.environment = doc.environment;
  for (const k of ["swe_agent_version", "swe_agent_hash", "swe_rex_version"])
    if (info[k] !== undefined) extra[k] = info[k];

  const task = steps.find((s) => s.kind === "human");
  const t: ParsedTrajectory = {
    format: "swe-agent",
    title: task && task.kind === "human" ? firstLine(task.text) : undefined,
    tools: [],
    steps,
    source: {
      agent: "swe-agent",
      ...(model ? { model } : {}),
      ...(typeof info.swe_agent_version === "string" ? { version: info.swe_agent_version } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    },
    ...(Object.keys(usage).length ? { usage } : {}),
    warnings: skipped.lines(),
  };
  return finalizeTrajectory(t, filename);
}

function replayConfig(v: unknown): Rec | undefined {
  if (isRec(v)) return v;
  if (typeof v !== "string" || !v.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return isRec(parsed) ? parsed : undefined;
  } catch {
    // The replay config is informational; an unreadable one only costs the model name.
    return undefined;
  }
}

function modelName(replay: Rec | undefined): string | undefined {
  const agent = replay && isRec(replay.agent) ? replay.agent : undefined;
  const model = agent && isRec(agent.model) ? agent.model : undefined;
  const name = model ? (model.name ?? model.model_name) : undefined;
  return typeof name === "string" && name ? name : undefined;
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
  yield sweAgentTrajectory(input.filename, await readJsonDocument(input, opts.maxDocumentBytes));
}

const isStep = (s: unknown): boolean =>
  isRec(s) && ("action" in s || "observation" in s) && ("thought" in s || "response" in s);

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const doc = sample.document;
  if (doc !== undefined) {
    if (!isRec(doc) || !Array.isArray(doc.trajectory)) return 0;
    const stepsOk = doc.trajectory.length === 0 || isStep(doc.trajectory[0]);
    if (stepsOk && (Array.isArray(doc.history) || isRec(doc.info))) return 0.95;
    return stepsOk && /\.traj$/i.test(sample.filename) ? 0.8 : 0;
  }
  if (sample.records) return 0;
  const head = sample.head;
  if (!/^\s*\{/.test(head) || !/"trajectory"\s*:\s*\[/.test(head)) return 0;
  if (/"(action|observation)"\s*:/.test(head) && /"(thought|response)"\s*:/.test(head))
    return /\.traj$/i.test(sample.filename) ? 0.95 : 0.8;
  return /\.traj$/i.test(sample.filename) ? 0.6 : 0;
}

export const sweAgentFormat: FormatModule = {
  name: "swe-agent",
  label: "SWE-agent trajectory (.traj)",
  detect,
  parse,
};
