/**
 * Incremental Codex CLI rollout builder for both eras: the `{timestamp, type, payload}` envelope
 * and the older bare lines (a `{id, timestamp, instructions}` header, then bare Responses items,
 * with `record_type: "state"` sentinels). `finish` leaves the builder intact so a live recorder
 * can call it again after more lines.
 */
import type { ParsedStep, ParsedTrajectory, SourceMeta, Usage } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { arr, describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { stepBase, type StepBase } from "@/lib/formats/normalize/step-base";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { fromDataUrl, placeholderText } from "@/lib/formats/normalize/media";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { codexUsage } from "@/lib/formats/normalize/usage";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { contentText } from "@/lib/formats/openai-chat/content";
import { isItem, itemSteps } from "@/lib/formats/openai-responses/items";
import {
  ENVELOPE_TYPES,
  IGNORED_EVENTS,
  MIRROR_EVENTS,
  isInjectedContext,
  splitIdeContext,
} from "@/lib/formats/codex-cli/events";

interface Entry {
  step: ParsedStep;
  /** Human text seen as a user-role response item; dropped when `user_message` events exist. */
  itemHuman?: boolean;
}

const MODEL_OUTPUT = new Set(["assistant", "reasoning", "tool_call"]);

export class CodexBuilder {
  private readonly entries: Entry[] = [];
  private readonly callNames = new Map<string, string>();
  private readonly skipped = new WarningCounter();
  private readonly warnings: string[] = [];
  private readonly extra: Record<string, unknown> = {};
  private meta: { sessionId?: string; cwd?: string; version?: string; model?: string } = {};
  private first?: string;
  private last?: string;
  private recognised = false;
  private userEvents = 0;
  private usage?: Usage;
  /** Entries produced by the model since the last `token_count`, to attach per-call usage to. */
  private sinceUsage: number[] = [];
  private title?: string;

  constructor(readonly filename: string) {}

  /** A file-level finding to report with the trajectory (e.g. a cut-off last line). */
  note(message: string): void {
    this.warnings.push(message);
  }

  push(record: unknown, line: number): void {
    if (!isRec(record))
      throw parseError(this.filename, `expected a Codex rollout record (a JSON object), got ${describe(record)}`, {
        line,
      });
    const type = str(record.type);
    if (type && "payload" in record) {
      this.recognised = true;
      this.seen(record.timestamp);
      if (!ENVELOPE_TYPES.has(type)) return this.skipped.add(`record(s) of unknown type \`${type}\``);
      const payload = isRec(record.payload) ? record.payload : {};
      const base = stepBase({ time: record.timestamp, line, id: payload.id });
      if (type === "session_meta") this.sessionMeta(payload, line);
      else if (type === "turn_context") this.turnContext(payload);
      else if (type === "response_item") this.item(payload, base);
      else if (type === "event_msg") this.event(payload, base);
      else this.compaction(str(payload.message) ?? "", base);
      return;
    }
    if (record.record_type === "state") {
      this.recognised = true;
      return;
    }
    if (!this.recognised && !type && typeof record.id === "string" && "timestamp" in record) {
      this.recognised = true;
      this.seen(record.timestamp);
      return this.sessionMeta(record, line);
    }
    if (this.recognised && isItem(record)) return this.item(record, stepBase({ line, id: record.id }));
    if (!this.recognised) {
      throw parseError(
        this.filename,
        `expected a Codex rollout record (\`{timestamp, type, payload}\` or a \`{id, timestamp, instructions}\` session header), got ${describe(record)}`,
        { line },
      );
    }
    this.skipped.add(`record(s) of unknown shape${type ? ` (type \`${type}\`)` : ""}`);
  }

  private seen(ts: unknown): void {
    const t = normalizeTimestamp(ts).timestamp;
    if (!t) return;
    if (!this.first || t < this.first) this.first = t;
    if (!this.last || t > this.last) this.last = t;
  }

  private add(step: ParsedStep, itemHuman = false): void {
    if (MODEL_OUTPUT.has(step.kind)) this.sinceUsage.push(this.entries.length);
    this.entries.push(itemHuman ? { step, itemHuman } : { step });
  }

  /** A person's message; the IDE extension's context block before it is environment, not theirs. */
  private addHuman(text: string, base: StepBase, withMedia: { media?: ParsedStep["media"] }, itemHuman = false): void {
    const ide = splitIdeContext(text);
    if (!ide) return this.add({ kind: "human", text, ...base, ...withMedia }, itemHuman);
    this.add({ kind: "meta", subtype: "environment", text: ide.context, ...base }, itemHuman);
    if (ide.request || withMedia.media)
      this.add({ kind: "human", text: ide.request, ...base, ...withMedia }, itemHuman);
  }

  private sessionMeta(p: Rec, line: number): void {
    if (this.meta.sessionId) {
      // Forked rollouts repeat the parent's header after their own; the first one is this file's.
      this.skipped.add("additional session_meta record(s)");
      return;
    }
    this.meta.sessionId = str(p.id);
    this.meta.cwd ??= str(p.cwd);
    this.meta.version = str(p.cli_version) ?? this.meta.version;
    this.seen(p.timestamp);
    for (const [from, to] of [
      ["originator", "originator"],
      ["model_provider", "modelProvider"],
      ["forked_from_id", "forkedFromId"],
      ["source", "source"],
      ["git", "git"],
    ] as const) {
      if (p[from] !== undefined && p[from] !== null) this.extra[to] = p[from];
    }
    const instructions =
      str(p.instructions) ?? (isRec(p.base_instructions) ? str(p.base_instructions.text) : str(p.base_instructions));
    if (instructions && instructions.trim() !== "")
      this.add({ kind: "system", text: instructions, ...stepBase({ time: p.timestamp, line }) });
  }

  private turnContext(p: Rec): void {
    this.meta.model = str(p.model) ?? this.meta.model;
    this.meta.cwd ??= str(p.cwd);
  }

  private item(p: Rec, base: StepBase): void {
    const type = str(p.type) ?? (typeof p.role === "string" ? "message" : "");
    if (type === "message" && (p.role === "user" || p.role === "developer")) {
      const { text, media } = contentText(p.content, this.skipped);
      if (text.trim() === "" && !media.length) return;
      const withMedia = media.length ? { media } : {};
      if (p.role === "developer" || isInjectedContext(text))
        this.add({ kind: "meta", subtype: "environment", text, ...base, ...withMedia });
      else this.addHuman(text, base, withMedia, true);
      return;
    }
    for (const s of itemSteps(p, { base, callNames: this.callNames, skipped: this.skipped })) this.add(s);
  }

  private event(p: Rec, base: StepBase): void {
    const type = str(p.type) ?? "";
    switch (type) {
      case "user_message": {
        this.userEvents++;
        // A new turn starts a new request: model output before it can no longer be attributed.
        this.sinceUsage = [];
        const media = arr(p.images)
          .flatMap((u) => (typeof u === "string" ? [fromDataUrl(u)] : []))
          .filter((m) => m !== null);
        const message = str(p.message) ?? "";
        const text = [message, ...media.map(placeholderText)].filter((t) => t !== "").join("\n");
        if (text.trim() === "") return;
        // Some builds also echo injected context as a user_message event; it is still not a person.
        if (isInjectedContext(message))
          this.add({ kind: "meta", subtype: "environment", text, ...base, ...(media.length ? { media } : {}) });
        else this.addHuman(text, base, media.length ? { media } : {});
        return;
      }
      case "token_count":
        return this.tokenCount(p);
      case "turn_aborted":
        return this.add({
          kind: "meta",
          subtype: "interruption",
          text: `turn aborted${p.reason ? `: ${String(p.reason)}` : ""}`,
          ...base,
        });
      case "error":
        return this.add({ kind: "error", text: str(p.message) ?? "error", ...base });
      case "context_compacted":
        return this.compaction("", base);
      case "thread_name_updated":
        this.title = str(p.thread_name) ?? this.title;
        return;
      case "thread_rolled_back":
        this.warnings.push("the thread was rolled back; rolled-back turns are still included");
        return;
      default:
        if (!MIRROR_EVENTS.has(type) && !IGNORED_EVENTS.has(type))
          this.skipped.add(`event(s) of type \`${type || "(none)"}\``);
    }
  }

  private tokenCount(p: Rec): void {
    const info = isRec(p.info) ? p.info : undefined;
    if (!info) return;
    // Totals are cumulative: the last one is the session's, never a sum.
    this.usage = codexUsage(info.total_token_usage) ?? this.usage;
    const last = codexUsage(info.last_token_usage);
    const target = this.sinceUsage.length ? this.entries[this.sinceUsage[0]] : undefined;
    if (last && target && !target.step.usage) target.step.usage = last;
    this.sinceUsage = [];
  }

  private compaction(message: string, base: StepBase): void {
    const prev = this.entries[this.entries.length - 1]?.step;
    // `compacted` and `context_compacted` describe the same compaction; keep one step.
    if (prev && prev.kind === "meta" && prev.subtype === "compaction") {
      if (message) prev.text = message;
      return;
    }
    this.add({ kind: "meta", subtype: "compaction", text: message || "context compacted", ...base });
  }

  finish(): ParsedTrajectory {
    const steps = this.entries.filter((e) => !(e.itemHuman && this.userEvents > 0)).map((e) => structuredClone(e.step));
    const warnings = [...this.warnings, ...this.skipped.lines()];
    if (!this.recognised) warnings.push("the rollout holds no records");
    const source: SourceMeta = {
      agent: "codex-cli",
      ...(this.meta.model ? { model: this.meta.model } : {}),
      ...(this.meta.cwd ? { cwd: this.meta.cwd } : {}),
      ...(this.meta.sessionId ? { sessionId: this.meta.sessionId } : {}),
      ...(this.meta.version ? { version: this.meta.version } : {}),
      ...(this.first ? { startedAt: this.first } : {}),
      ...(this.last ? { endedAt: this.last } : {}),
      ...(Object.keys(this.extra).length ? { extra: { ...this.extra } } : {}),
    };
    return finalizeTrajectory(
      {
        format: "codex-cli",
        ...(this.title ? { title: this.title } : {}),
        tools: [],
        steps,
        source,
        ...(this.usage ? { usage: { ...this.usage } } : {}),
        warnings,
      },
      this.filename,
    );
  }
}
