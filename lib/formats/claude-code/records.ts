/**
 * Claude Code records on the active path → canonical steps. Assistant lines of one API message
 * (same `message.id`) are merged and their usage counted once; user-role records are split into
 * tool results, human text and the meta text Claude Code injects (interruptions, slash-command
 * wrappers, `isMeta` context, compaction summaries).
 */
import type { ParsedStep, Usage } from "@/lib/trajectory/types";
import { arr, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { stepBase, type StepBase } from "@/lib/formats/normalize/step-base";
import { addUsage, anthropicUsage } from "@/lib/formats/normalize/usage";
import type { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import {
  assistantContent,
  resultContent,
  userContent,
  type BlockContext,
  type UserTextStep,
} from "@/lib/formats/anthropic-messages/blocks";
import type { CcNode } from "@/lib/formats/claude-code/path";

const INTERRUPTED = /^\[Request interrupted by user( for tool use)?\]/;
const COMMAND_WRAPPER =
  /^<(command-name|command-message|command-args|local-command-stdout|local-command-stderr|local-command-caveat|bash-input|bash-stdout|bash-stderr)>/;

export interface ConvertState {
  callNames: Map<string, string>;
  skipped: WarningCounter;
  /** message.id values whose usage has been counted. */
  counted: Set<string>;
  usage?: Usage;
  models: string[];
}

const COMMAND_NAME = /<command-name>\s*([^<]*?)\s*<\/command-name>/;
const COMMAND_ARGS = /<command-args>([\s\S]*?)<\/command-args>/;

/**
 * A slash command the person typed (`/init`, `/orchestrator fix the build`), from the
 * `<command-name>`/`<command-args>` wrapper Claude Code writes for it: the typed arguments are the
 * request. Null for other wrappers (local-command output, caveats, bash-mode echoes).
 */
export function slashCommand(text: string): string | null {
  const name = COMMAND_NAME.exec(text)?.[1];
  if (!name) return null;
  const args = (COMMAND_ARGS.exec(text)?.[1] ?? "").trim();
  const command = name.startsWith("/") ? name : `/${name}`;
  return args ? `${command} ${args}` : command;
}

/** Command steps made by `ccUserText`, with the wrapper text they came from. */
const COMMAND_STEPS = new WeakMap<ParsedStep, string>();

const ccUserText: UserTextStep = (text, media, base) => {
  const t = text.trim();
  const withMedia = (s: ParsedStep): ParsedStep => (media.length ? { ...s, media } : s);
  if (INTERRUPTED.test(t)) return withMedia({ kind: "meta", subtype: "interruption", text: t, ...base });
  const command = COMMAND_WRAPPER.test(t) ? slashCommand(t) : null;
  if (command) {
    const step = withMedia({ kind: "human", text: command, ...base });
    COMMAND_STEPS.set(step, text);
    return step;
  }
  if (COMMAND_WRAPPER.test(t)) return withMedia({ kind: "meta", subtype: "other", text, ...base });
  if (t.startsWith("<task-notification>")) return withMedia({ kind: "meta", subtype: "subagent", text, ...base });
  if (t.startsWith("<system-reminder>") && t.endsWith("</system-reminder>"))
    return withMedia({ kind: "meta", subtype: "environment", text, ...base });
  return withMedia({ kind: "human", text, ...base });
};

function baseOf(n: CcNode): StepBase {
  return stepBase({ time: n.record.timestamp, line: n.line, id: n.uuid, sidechain: n.sidechain });
}

const messageOf = (n: CcNode): Rec => (isRec(n.record.message) ? n.record.message : {});

/** A sidechain's user text is the prompt the parent agent wrote for it, not a person speaking. */
const subagentText: UserTextStep = (text, media, base) => {
  const s = ccUserText(text, media, base);
  return s && s.kind === "human" ? { ...s, kind: "meta", subtype: "subagent" } : s;
};

function userSteps(n: CcNode, st: ConvertState): ParsedStep[] {
  const r = n.record;
  const content = messageOf(n).content;
  const base = baseOf(n);
  if (r.isCompactSummary === true || r.isMeta === true) {
    const { text, media } = resultContent(content, st.skipped);
    const subtype = r.isCompactSummary === true ? "summary" : "environment";
    return text.trim() === "" && !media.length
      ? []
      : [{ kind: "meta", subtype, text, ...base, ...(media.length ? { media } : {}) }];
  }
  const bc: BlockContext = { base, callNames: st.callNames, skipped: st.skipped };
  return userContent(content, bc, n.sidechain ? subagentText : ccUserText, r.toolUseResult);
}

/** Usage per message id: lines repeat it (sometimes growing), so take the largest of each field. */
function mergedUsage(group: CcNode[]): Usage | undefined {
  let out: Usage | undefined;
  for (const n of group) {
    const u = anthropicUsage(messageOf(n).usage);
    if (!u) continue;
    out ??= {};
    for (const [k, v] of Object.entries(u) as [keyof Usage, number][]) out[k] = Math.max(out[k] ?? 0, v);
  }
  return out;
}

function assistantSteps(group: CcNode[], st: ConvertState): ParsedStep[] {
  const first = group[0];
  const base = baseOf(first);
  const msg = messageOf(first);
  const model = str(msg.model);
  if (model && model !== "<synthetic>") st.models.push(model);
  // Identical blocks can repeat when a line was rewritten; keep each once.
  const seen = new Set<string>();
  const content: unknown[] = [];
  for (const n of group) {
    const c = messageOf(n).content;
    for (const b of typeof c === "string" ? [{ type: "text", text: c }] : arr(c)) {
      const key = JSON.stringify(b);
      if (seen.has(key)) continue;
      seen.add(key);
      content.push(b);
    }
  }
  const bc: BlockContext = { base, callNames: st.callNames, skipped: st.skipped };
  let steps: ParsedStep[];
  if (first.record.isApiErrorMessage === true || (model === "<synthetic>" && first.record.error !== undefined)) {
    const { text } = resultContent(content, st.skipped);
    steps = [
      {
        kind: "error",
        text: text || "API error",
        ...(str(first.record.error) ? { code: str(first.record.error) } : {}),
        ...base,
      },
    ];
  } else steps = assistantContent(content, bc);
  const id = str(msg.id) ?? first.uuid;
  if (!st.counted.has(id)) {
    st.counted.add(id);
    const usage = mergedUsage(group);
    if (usage && steps.length) steps[0].usage = usage;
    st.usage = addUsage(st.usage, usage);
  }
  return steps;
}

function systemSteps(n: CcNode): ParsedStep[] {
  const r = n.record;
  const base = baseOf(n);
  const text = typeof r.content === "string" ? r.content : "";
  switch (r.subtype) {
    case "compact_boundary":
      return [
        {
          kind: "meta",
          subtype: "compaction",
          text: text || "Conversation compacted",
          ...(r.compactMetadata !== undefined ? { data: r.compactMetadata } : {}),
          ...base,
        },
      ];
    case "turn_duration":
    case "stop_hook_summary":
      return [];
    case "api_error":
      return [
        {
          kind: "error",
          text: text || (isRec(r.error) ? (str(r.error.message) ?? "API error") : "API error"),
          code: "api_error",
          ...base,
        },
      ];
    default:
      if (r.level === "error") return [{ kind: "error", text: text || "error", ...base }];
      if (text.trim() === "") return [];
      return [{ kind: "meta", subtype: "other", text, ...base }];
  }
}

/**
 * Built-in local commands (`/model`, `/clear`, `/config`) are answered by Claude Code itself with
 * `<local-command-stdout>`; they set the session up and ask the model nothing, so they stay meta.
 * Prompt commands (`/init`, `/review`, custom `/orchestrator <args>`) reach the model: human turns.
 */
function demoteLocalCommands(steps: ParsedStep[]): void {
  for (let i = 0; i < steps.length; i++) {
    const wrapper = COMMAND_STEPS.get(steps[i]);
    if (wrapper === undefined) continue;
    const next = steps[i + 1];
    if (next && next.kind === "meta" && next.text.trimStart().startsWith("<local-command-std")) {
      const { kind: _k, text: _t, ...rest } = steps[i] as Extract<ParsedStep, { kind: "human" }>;
      steps[i] = { kind: "meta", subtype: "other", text: wrapper, ...rest };
    }
  }
}

/** Converts the active path, merging consecutive assistant lines that share a message id. */
export function pathSteps(path: CcNode[], st: ConvertState): ParsedStep[] {
  const steps: ParsedStep[] = [];
  for (let i = 0; i < path.length; i++) {
    const n = path[i];
    const type = n.record.type;
    if (type === "user") steps.push(...userSteps(n, st));
    else if (type === "system") steps.push(...systemSteps(n));
    else if (type === "assistant") {
      const id = str(messageOf(n).id);
      const group = [n];
      while (
        id &&
        i + 1 < path.length &&
        path[i + 1].record.type === "assistant" &&
        str(messageOf(path[i + 1]).id) === id
      )
        group.push(path[++i]);
      steps.push(...assistantSteps(group, st));
    }
  }
  demoteLocalCommands(steps);
  return steps;
}
