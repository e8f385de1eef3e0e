/**
 * `codex exec --json` event streams (what CI and scripted Codex runs write to stdout): JSONL of
 * `thread.started {thread_id}`, `turn.started`, `item.started|updated|completed {item}`,
 * `turn.completed {usage}`, `turn.failed {error}` and `error {message}`. This is the UI-level
 * schema of codex-rs/exec (`exec_events.rs`), not a rollout: items are `agent_message`,
 * `reasoning`, `command_execution` (command, aggregated_output, exit_code, status),
 * `file_change` (changes, status), `mcp_tool_call` (server, tool, arguments, result, error, status),
 * `web_search` (query), `todo_list` (items) and `error`. The stream carries no prompt and no
 * timestamps. An item is taken in its last state (completed over updated over started).
 */
import type { DetectSample, FormatModule } from "@/lib/formats/types";
import type { ParsedStep, ParsedTrajectory, Usage } from "@/lib/trajectory/types";
import { readJsonLines } from "@/lib/formats/io/json-lines";
import { arr, describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { normalizeArguments } from "@/lib/formats/normalize/tool-arguments";
import { addUsage, codexUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { parseError } from "@/lib/formats/parse-error";

const NAME = "codex-exec";
export const EXEC_EVENTS = new Set([
  "thread.started",
  "turn.started",
  "turn.completed",
  "turn.failed",
  "item.started",
  "item.updated",
  "item.completed",
  "error",
]);

interface Entry {
  item: Rec;
  line: number;
  turn: number;
}

/** Steps of one item; `covered` collects calls that have no result by nature (a web search). */
function itemSteps(e: Entry, covered: Set<string>, skipped: WarningCounter): ParsedStep[] {
  const it = e.item;
  const id = str(it.id) ?? `item-${e.line}`;
  const source = { line: e.line, id };
  const status = str(it.status) ?? "";
  switch (it.type) {
    case "agent_message":
      return [{ kind: "assistant", text: str(it.text) ?? "", source }];
    case "reasoning":
      return [{ kind: "reasoning", text: str(it.text) ?? "", hidden: false, source }];
    case "command_execution": {
      const code = typeof it.exit_code === "number" ? it.exit_code : undefined;
      const steps: ParsedStep[] = [
        { kind: "tool_call", callId: id, name: "shell", arguments: { command: str(it.command) ?? "" }, source },
      ];
      if (status !== "in_progress")
        steps.push({
          kind: "tool_result",
          callId: id,
          name: "shell",
          output: str(it.aggregated_output) ?? "",
          // The exit code and status are fields of the event: a failure the source states.
          isError: (code !== undefined && code !== 0) || status === "failed" || status === "declined",
          truncated: false,
          source,
          ...(code !== undefined ? { structured: { exit_code: code, status } } : {}),
        });
      return steps;
    }
    case "file_change": {
      const changes = arr(it.changes).filter(isRec);
      return [
        { kind: "tool_call", callId: id, name: "apply_patch", arguments: { changes }, source },
        {
          kind: "tool_result",
          callId: id,
          name: "apply_patch",
          output: changes.map((c) => `${str(c.kind) ?? "change"} ${str(c.path) ?? "?"}`).join("\n") || status,
          isError: status === "failed",
          truncated: false,
          source,
        },
      ];
    }
    case "mcp_tool_call": {
      const name = [str(it.server), str(it.tool)].filter(Boolean).join(".") || "mcp";
      const steps: ParsedStep[] = [
        { kind: "tool_call", callId: id, name, ...normalizeArguments(it.arguments), source },
      ];
      const error = isRec(it.error) ? (str(it.error.message) ?? JSON.stringify(it.error)) : undefined;
      const result = isRec(it.result) ? it.result : undefined;
      if (status !== "in_progress")
        steps.push({
          kind: "tool_result",
          callId: id,
          name,
          output: error ?? mcpText(result),
          isError: error !== undefined || status === "failed",
          truncated: false,
          source,
          ...(result ? { structured: result } : {}),
        });
      return steps;
    }
    case "web_search":
      covered.add(id);
      return [{ kind: "tool_call", callId: id, name: "web_search", arguments: { query: str(it.query) ?? "" }, source }];
    case "todo_list": {
      const items = arr(it.items).filter(isRec);
      const text = items.map((t) => `${t.completed === true ? "[x]" : "[ ]"} ${str(t.text) ?? ""}`).join("\n");
      return [{ kind: "meta", subtype: "other", text: text || "plan", data: { todoList: items }, source }];
    }
    case "error":
      return [{ kind: "error", text: str(it.message) ?? "error", source }];
    default:
      skipped.add(`item(s) of type \`${String(it.type ?? "(none)")}\``);
      return [];
  }
}

function mcpText(result: Rec | undefined): string {
  if (!result) return "";
  const parts = arr(result.content)
    .map((c) => (isRec(c) && typeof c.text === "string" ? c.text : ""))
    .filter((t) => t !== "");
  if (parts.length) return parts.join("\n");
  return result.structured_content !== undefined ? JSON.stringify(result.structured_content) : "";
}

export class CodexExecBuilder {
  private readonly items = new Map<string, Entry>();
  private readonly order: string[] = [];
  private readonly extraSteps: { after: number; step: ParsedStep }[] = [];
  private readonly skipped = new WarningCounter();
  private readonly warnings: string[] = [];
  private readonly turnUsage: (Usage | undefined)[] = [];
  private threadId?: string;
  private turn = 0;
  private recognised = false;

  constructor(readonly filename: string) {}

  note(message: string): void {
    this.warnings.push(message);
  }

  push(record: unknown, line: number): void {
    if (!isRec(record) || typeof record.type !== "string" || !EXEC_EVENTS.has(record.type)) {
      if (!this.recognised)
        throw parseError(
          this.filename,
          `expected a \`codex exec --json\` event ({type: "thread.started" | "turn.started" | "item.completed" | …}), got ${describe(record)}`,
          { line },
        );
      this.skipped.add(`event(s) of unknown type \`${isRec(record) ? String(record.type) : "(none)"}\``);
      return;
    }
    this.recognised = true;
    switch (record.type) {
      case "thread.started":
        this.threadId ??= str(record.thread_id);
        return;
      case "turn.started":
        this.turn++;
        return;
      case "turn.completed":
        this.turnUsage[this.turn] = codexUsage(record.usage);
        return;
      case "turn.failed":
      case "error": {
        const err = isRec(record.error) ? record.error : record;
        const text = str(err.message) ?? "error";
        this.extraSteps.push({
          after: this.order.length,
          step: { kind: "error", text, code: record.type, source: { line } },
        });
        return;
      }
      default: {
        const item = isRec(record.item) ? record.item : undefined;
        if (!item) return this.skipped.add("item event(s) without an item");
        const id = str(item.id) ?? `line-${line}`;
        if (!this.items.has(id)) this.order.push(id);
        // The last state wins: completed carries the output, started only the command.
        this.items.set(id, { item, line: this.items.get(id)?.line ?? line, turn: this.turn });
      }
    }
  }

  finish(): ParsedTrajectory {
    const steps: ParsedStep[] = [];
    const covered = new Set<string>();
    let usage: Usage | undefined;
    const usedTurns = new Set<number>();
    const errorsAt = (k: number) => this.extraSteps.filter((x) => x.after === k).map((x) => x.step);
    this.order.forEach((id, k) => {
      steps.push(...errorsAt(k));
      const e = this.items.get(id)!;
      const made = itemSteps(e, covered, this.skipped);
      // A turn's usage goes on its first model output.
      const u = this.turnUsage[e.turn];
      if (u && made.length && !usedTurns.has(e.turn) && made[0].kind !== "tool_result") {
        usedTurns.add(e.turn);
        made[0].usage = u;
      }
      steps.push(...made);
    });
    steps.push(...errorsAt(this.order.length));
    for (const u of this.turnUsage) usage = addUsage(usage, u);
    const t: ParsedTrajectory = {
      format: NAME,
      tools: [],
      steps,
      source: {
        agent: "codex-cli",
        ...(this.threadId ? { sessionId: this.threadId } : {}),
        extra: { stream: "codex exec --json", turns: this.turn },
      },
      ...(usage ? { usage } : {}),
      warnings: [...this.warnings, ...this.skipped.lines(), "the exec stream does not record the prompt"],
    };
    return finalizeTrajectory(t, this.filename, {}, { coveredCalls: covered });
  }
}

function detect(sample: DetectSample): number {
  const records = sample.records;
  if (records && records.length) {
    const typed = records.slice(0, 20).filter((r) => isRec(r) && typeof r.type === "string");
    if (!typed.length || !typed.every((r) => EXEC_EVENTS.has(String((r as Rec).type)))) return 0;
    return typed.some((r) => {
      const t = String((r as Rec).type);
      return t === "thread.started" || t.startsWith("item.") || t.startsWith("turn.");
    })
      ? 0.95
      : 0;
  }
  return /^\s*\{\s*"type"\s*:\s*"(thread\.started|turn\.started|item\.(started|completed))"/.test(sample.head)
    ? 0.7
    : 0;
}

export const codexExec: FormatModule = {
  name: NAME,
  label: "codex exec --json stream",
  expects: "JSONL events `{type: thread.started | turn.started | item.completed | turn.completed, …}`",
  detect,
  async *parse(input) {
    const builder = new CodexExecBuilder(input.filename);
    let lines = 0;
    for await (const { line, value } of readJsonLines(input, (m) => builder.note(m))) {
      builder.push(value, line);
      lines++;
    }
    if (!lines) throw parseError(input.filename, "the file is empty; expected `codex exec --json` events");
    yield builder.finish();
  },
};
