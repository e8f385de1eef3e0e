/**
 * mini-swe-agent trajectories: `{info, messages, trajectory_format: "mini-swe-agent-1" | "…-1.1"}`.
 *
 * v1 messages are plain chat text: the command is the one ```bash block of the assistant text
 * (→ `bash` tool call with `{command}`), and the environment answers with a *user* message
 * `<returncode>…</returncode><output>…</output>` (→ tool result, error when the code is not 0), or
 * a timeout / format-error template. Only the first user message (the task) and later user
 * messages that are none of those are human turns.
 * v2 messages are the model's native chat messages (`tool_calls`, `role: "tool"`, `role: "exit"`)
 * with an `extra` dict that may carry a timestamp.
 */
import type { DetectSample, FormatInput, FormatModule, ParseOptions } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { readJsonDocument } from "@/lib/formats/io/json-document";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { addUsage, openAIChatUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { isRec, type Rec } from "@/lib/formats/normalize/json-guards";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** mini-swe-agent's action regex (v1 `bash`, v2 text mode `mswea_bash_command`). */
const ACTION = /```(?:bash|mswea_bash_command)\s*\n([\s\S]*?)\n```/g;
const RETURNCODE = /<returncode>\s*(-?\d+)\s*<\/returncode>/;
const TRUNCATED = /<output_head>|<elided_chars>|output of your last command was too long/i;
const TIMEOUT = /timed out and has been killed/i;
const REJECTED = /^\s*Command not executed|rejected your command/i;
const FORMAT_ERROR = /EXACTLY ONE action|format your response exactly/i;
const SUBMIT = /COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT|MINI_SWE_AGENT_FINAL_OUTPUT/;

export function extractActions(text: string): string[] {
  return [...text.matchAll(ACTION)].map((m) => m[1].trim());
}

function contentText(c: unknown): string {
  if (typeof c === "string") return c;
  if (Array.isArray(c))
    return c.map((p) => (typeof p === "string" ? p : isRec(p) && typeof p.text === "string" ? p.text : "")).join("\n");
  return "";
}

interface Pending {
  callId: string;
  command: string;
}

/**
 * The older layout: the file is the bare message list (`[{role, content}, …]`), actions as bash
 * blocks in assistant text and observations as `<returncode>` user messages. Told apart from a
 * chat dataset by those two marks.
 */
export function isPlainListTrajectory(doc: unknown): doc is Rec[] {
  if (!Array.isArray(doc) || doc.length < 3) return false;
  let actions = 0;
  let observations = 0;
  for (const m of doc.slice(0, 200)) {
    if (!isRec(m) || typeof m.role !== "string" || "tool_calls" in m) return false;
    if (m.role !== "system" && m.role !== "user" && m.role !== "assistant") return false;
    const text = contentText(m.content);
    if (m.role === "assistant" && extractActions(text).length) actions++;
    if (m.role === "user" && RETURNCODE.test(text)) observations++;
  }
  return actions > 0 && observations > 0;
}

export function miniSweAgentTrajectory(filename: string, input: unknown): ParsedTrajectory {
  const plain = isPlainListTrajectory(input);
  const doc: unknown = plain ? { messages: input, info: {}, layout: "plain-list" } : input;
  if (!isRec(doc) || !Array.isArray(doc.messages)) {
    throw parseError(
      filename,
      "expected a mini-swe-agent trajectory: an object {info, messages: [...], trajectory_format}",
      isRec(doc) ? { field: "messages" } : { offset: 0 },
    );
  }
  // Chat datasets also have `messages`; mini-swe-agent always writes `info` and its format tag.
  const tagged = typeof doc.trajectory_format === "string" && doc.trajectory_format.startsWith("mini-swe-agent");
  if (!tagged && !isRec(doc.info)) {
    throw parseError(
      filename,
      'expected a mini-swe-agent trajectory: `trajectory_format` "mini-swe-agent-…" or an `info` object beside `messages`',
      { field: "trajectory_format" },
    );
  }
  const messages = doc.messages;
  const skipped = new WarningCounter();
  const steps: ParsedStep[] = [];
  let taskSeen = false;
  let pending: Pending | null = null;
  /** v2 tool calls not answered yet, in order, with their tool names. */
  const open = new Map<string, string>();
  let calls = 0;
  let usage: Usage | undefined;
  const lastUser = messages.map((m) => isRec(m) && m.role === "user").lastIndexOf(true);

  messages.forEach((m, i) => {
    if (!isRec(m))
      throw parseError(filename, "expected a chat message object {role, content}", { field: `messages[${i}]` });
    const id = `messages[${i}]`;
    const extra = isRec(m.extra) ? m.extra : {};
    const time = normalizeTimestamp(extra.timestamp ?? m.timestamp);
    const base: Pick<ParsedStep, "timestamp" | "timestampRaw" | "source"> = {
      ...(time.timestamp ? { timestamp: time.timestamp } : {}),
      ...(time.timestampRaw !== undefined ? { timestampRaw: time.timestampRaw } : {}),
      source: { id },
    };
    const role = m.role;
    const text = contentText(m.content);

    if (role === "system") {
      steps.push({ kind: "system", text, ...base });
      return;
    }
    if (role === "assistant") {
      const first = steps.length;
      if (str(m.reasoning_content).trim())
        steps.push({ kind: "reasoning", text: str(m.reasoning_content), hidden: false, ...base });
      const toolCalls = Array.isArray(m.tool_calls) ? m.tool_calls.filter(isRec) : [];
      if (text) steps.push({ kind: "assistant", text, ...base });
      pending = null;
      if (toolCalls.length) {
        for (const tc of toolCalls) {
          const fn = isRec(tc.function) ? tc.function : tc;
          const callId = str(tc.id) || `mini-${++calls}`;
          const name = str(fn.name) || "bash";
          open.set(callId, name);
          steps.push({ kind: "tool_call", callId, name, ...normalizeArguments(fn.arguments), ...base });
        }
      } else {
        const actions = extractActions(text);
        // Anything but exactly one block is a format error: mini-swe-agent runs nothing.
        if (actions.length === 1) {
          const callId = `mini-${++calls}`;
          steps.push({ kind: "tool_call", callId, name: "bash", arguments: { command: actions[0] }, ...base });
          pending = { callId, command: actions[0] };
        }
      }
      const u = openAIChatUsage(isRec(extra.response) ? extra.response.usage : m.usage);
      if (u && steps.length > first) {
        steps[first].usage = u;
        usage = addUsage(usage, u);
      }
      return;
    }
    if (role === "tool") {
      const rc = RETURNCODE.exec(text);
      const code = rc ? Number(rc[1]) : typeof extra.returncode === "number" ? extra.returncode : undefined;
      const callId = str(m.tool_call_id) || pending?.callId || [...open.keys()][0] || `mini-orphan-${i}`;
      const name = open.get(callId) ?? (pending?.callId === callId ? "bash" : undefined);
      open.delete(callId);
      steps.push({
        kind: "tool_result",
        callId,
        ...(name ? { name } : {}),
        output: text,
        isError: (code !== undefined && code !== 0) || TIMEOUT.test(text),
        truncated: TRUNCATED.test(text),
        ...base,
      });
      pending = null;
      return;
    }
    if (role === "exit") {
      // The submit command ends the run: its output (the submission) comes back as the exit message.
      const submit = open.size === 1 ? [...open.entries()][0] : pending ? [pending.callId, "bash"] : undefined;
      if (submit) {
        steps.push({
          kind: "tool_result",
          callId: submit[0],
          name: submit[1],
          output: text,
          isError: false,
          truncated: false,
          ...base,
        });
        open.clear();
        pending = null;
        if (Object.keys(extra).length)
          steps.push({
            kind: "meta",
            subtype: "other",
            text: `exit: ${str(extra.exit_status) || "exit"}`,
            data: extra,
            ...base,
          });
        return;
      }
      steps.push({
        kind: "meta",
        subtype: "other",
        text: text || "exit",
        ...(Object.keys(extra).length ? { data: extra } : {}),
        ...base,
      });
      return;
    }
    if (role !== "user") {
      skipped.add(
        `message(s) with role \`${String(role ?? (isRec(m) && "output" in m ? "(Responses API object)" : "none"))}\``,
      );
      return;
    }
    if (!taskSeen) {
      taskSeen = true;
      steps.push({ kind: "human", text, ...base });
      return;
    }
    const rc = RETURNCODE.exec(text);
    const answering: Pending | null = pending;
    pending = null;
    if (rc) {
      steps.push({
        kind: "tool_result",
        callId: answering?.callId ?? `mini-orphan-${i}`,
        name: "bash",
        output: text,
        isError: Number(rc[1]) !== 0,
        truncated: TRUNCATED.test(text),
        ...base,
      });
      return;
    }
    if (answering && (TIMEOUT.test(text) || REJECTED.test(text))) {
      steps.push({
        kind: "tool_result",
        callId: answering.callId,
        name: "bash",
        output: text,
        isError: true,
        truncated: TRUNCATED.test(text),
        ...base,
      });
      return;
    }
    if (answering && SUBMIT.test(answering.command) && i === lastUser) {
      // The submit command's output comes back as the final message, without a return code.
      steps.push({
        kind: "tool_result",
        callId: answering.callId,
        name: "bash",
        output: text,
        isError: false,
        truncated: false,
        ...base,
      });
      return;
    }
    if (FORMAT_ERROR.test(text)) {
      steps.push({ kind: "error", text, code: "format_error", ...base });
      return;
    }
    if (!text.trim()) {
      // A limit exception with an empty message is appended as an empty user message.
      skipped.add("empty user message(s)");
      return;
    }
    steps.push({ kind: "human", text, ...base });
  });

  const info = isRec(doc.info) ? doc.info : {};
  const exit = str(info.exit_status);
  if (exit && !/^submitted$/i.test(exit))
    steps.push({
      kind: "error",
      text: `mini-swe-agent stopped: ${exit}`,
      code: exit,
      source: { id: "info.exit_status" },
    });
  const config = isRec(info.config) ? info.config : {};
  const modelCfg = isRec(config.model) ? config.model : {};
  const model = str(modelCfg.model_name) || str(modelCfg.model);
  const extraMeta: Rec = {};
  if (typeof doc.trajectory_format === "string") extraMeta.trajectoryFormat = doc.trajectory_format;
  if (exit) extraMeta.exitStatus = exit;
  if (info.submission !== undefined && info.submission !== null) extraMeta.submission = info.submission;
  if (isRec(info.model_stats)) extraMeta.modelStats = info.model_stats;
  if (typeof doc.instance_id === "string") extraMeta.instanceId = doc.instance_id;
  if (plain) extraMeta.layout = "plain-list";
  const task = steps.find((s) => s.kind === "human");
  const t: ParsedTrajectory = {
    format: "mini-swe-agent",
    title: task && task.kind === "human" ? firstLine(task.text) : undefined,
    tools: [],
    steps,
    source: {
      agent: "mini-swe-agent",
      ...(model ? { model } : {}),
      ...(typeof info.mini_version === "string" ? { version: info.mini_version } : {}),
      ...(Object.keys(extraMeta).length ? { extra: extraMeta } : {}),
    },
    ...(usage ? { usage } : {}),
    warnings: skipped.lines(),
  };
  return finalizeTrajectory(t, filename);
}

function firstLine(text: string): string | undefined {
  // The instance template starts with boilerplate; the task is usually inside it.
  const line = text
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  if (!line) return undefined;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

async function* parse(input: FormatInput, opts: ParseOptions): AsyncGenerator<ParsedTrajectory> {
  const doc = await readJsonDocument(input, opts.maxDocumentBytes);
  if (isRec(doc) && typeof doc.trajectory_format === "string" && !doc.trajectory_format.startsWith("mini-swe-agent")) {
    throw parseError(input.filename, `expected trajectory_format "mini-swe-agent-…", got "${doc.trajectory_format}"`, {
      field: "trajectory_format",
    });
  }
  yield miniSweAgentTrajectory(input.filename, doc);
}

function detect(sample: DetectSample): number {
  if (sample.isZip) return 0;
  const doc = sample.document;
  if (doc !== undefined) {
    if (isPlainListTrajectory(doc)) return 0.9;
    if (!isRec(doc)) return 0;
    if (typeof doc.trajectory_format === "string" && doc.trajectory_format.startsWith("mini-swe-agent")) return 0.95;
    if (Array.isArray(doc.messages) && isRec(doc.info) && typeof doc.info.mini_version === "string") return 0.9;
    return 0;
  }
  if (sample.records) return 0;
  const head = sample.head;
  if (/"trajectory_format"\s*:\s*"mini-swe-agent/.test(head)) return 0.95;
  // The older bare message list, too big for the head: its first message and both marks show.
  if (/^\s*\[\s*\{\s*"role"\s*:/.test(head) && /```bash\\n/.test(head) && /<returncode>/.test(head)) return 0.85;
  // `json.dump` writes `info` first and `trajectory_format` last, so a big file shows only `info`.
  if (/^\s*\{\s*"info"\s*:\s*\{/.test(head) && /"mini_version"\s*:/.test(head)) return 0.85;
  return 0;
}

export const miniSweAgentFormat: FormatModule = {
  name: "mini-swe-agent",
  label: "mini-swe-agent trajectory",
  detect,
  parse,
};
