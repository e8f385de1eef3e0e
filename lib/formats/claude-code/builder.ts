/**
 * Incremental Claude Code session builder: `push` each JSONL record as it is read (or as a live
 * recorder receives it), `finish` whenever a trajectory is wanted. `finish` does not change the
 * builder, so it can be called again after more records arrive.
 */
import type { ParsedStep, ParsedTrajectory, SourceMeta } from "@/lib/trajectory/types";
import { parseError } from "@/lib/formats/parse-error";
import { describe, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";
import { finalizeTrajectory } from "@/lib/formats/normalize/finalize";
import { WarningCounter } from "@/lib/formats/normalize/warning-counter";
import { activePath, type CcNode } from "@/lib/formats/claude-code/path";
import { pathSteps, type ConvertState } from "@/lib/formats/claude-code/records";

export const CC_MESSAGE_TYPES = new Set(["user", "assistant", "system"]);
/** Record types Claude Code writes that carry no conversation content. */
export const CC_OTHER_TYPES = new Set([
  "summary",
  "custom-title",
  "ai-title",
  "file-history-snapshot",
  "queue-operation",
  "progress",
  "attachment",
  "agent-name",
  "agent-setting",
  "pr-link",
  "last-prompt",
  "tag",
]);
const CC_FIELDS = ["uuid", "parentUuid", "sessionId", "isSidechain", "leafUuid"];

export class ClaudeCodeBuilder {
  private readonly nodes: CcNode[] = [];
  private readonly uuids = new Set<string>();
  private readonly summaries: { text: string; leaf?: string }[] = [];
  private readonly unknown = new WarningCounter();
  private customTitle?: string;
  private aiTitle?: string;
  private lastUuid: string | null = null;
  private recognised = false;
  private duplicates = 0;
  private meta: { sessionId?: string; cwd?: string; version?: string; gitBranch?: string; slug?: string } = {};
  private first?: string;
  private last?: string;
  private readonly notes: string[] = [];

  constructor(readonly filename: string) {}

  /** A file-level finding to report with the trajectory (e.g. a cut-off last line). */
  note(message: string): void {
    this.notes.push(message);
  }

  push(record: unknown, line: number): void {
    if (!isRec(record) || typeof record.type !== "string") {
      throw parseError(this.filename, `expected a Claude Code record with a \`type\` field, got ${describe(record)}`, {
        line,
      });
    }
    const type = record.type;
    const known = CC_MESSAGE_TYPES.has(type) || CC_OTHER_TYPES.has(type);
    if (!this.recognised && !known && !CC_FIELDS.some((f) => f in record)) {
      throw parseError(
        this.filename,
        `expected a Claude Code record (type user/assistant/system/summary/… with uuid and sessionId), got type \`${type}\``,
        { line },
      );
    }
    this.recognised = true;
    this.track(record);
    if (type === "summary" && typeof record.summary === "string")
      this.summaries.push({ text: record.summary, leaf: str(record.leafUuid) });
    else if (type === "custom-title" && typeof record.customTitle === "string") this.customTitle = record.customTitle;
    else if (type === "ai-title" && typeof record.aiTitle === "string") this.aiTitle = record.aiTitle;
    else if (!known) this.unknown.add(`record(s) of unknown type \`${type}\``);
    if (CC_MESSAGE_TYPES.has(type) || typeof record.uuid === "string") this.addNode(record, line);
  }

  private track(r: Rec): void {
    const m = this.meta;
    m.sessionId ??= str(r.sessionId);
    m.cwd ??= str(r.cwd);
    m.version = str(r.version) ?? m.version;
    m.gitBranch = str(r.gitBranch) || m.gitBranch;
    m.slug ??= str(r.slug);
    const ts = normalizeTimestamp(r.timestamp).timestamp;
    if (ts) {
      if (!this.first || ts < this.first) this.first = ts;
      if (!this.last || ts > this.last) this.last = ts;
    }
  }

  private addNode(r: Rec, line: number): void {
    let uuid = str(r.uuid);
    // Resumed sessions copy history into the new file; the first copy of a uuid wins.
    if (uuid && this.uuids.has(uuid)) {
      this.duplicates++;
      return;
    }
    let parent: string | null = typeof r.parentUuid === "string" ? r.parentUuid : null;
    if (!uuid) {
      // Records without ids (very old builds) are chained in file order.
      uuid = `line:${line}`;
      if (r.parentUuid === undefined) parent = this.lastUuid;
    }
    this.uuids.add(uuid);
    this.lastUuid = uuid;
    const time = normalizeTimestamp(r.timestamp).timestamp;
    this.nodes.push({
      uuid,
      parent,
      ...(typeof r.logicalParentUuid === "string" ? { logicalParent: r.logicalParentUuid } : {}),
      record: r,
      line,
      order: this.nodes.length,
      sidechain: r.isSidechain === true,
      time: time ? Date.parse(time) : NaN,
    });
  }

  finish(): ParsedTrajectory {
    const warnings: string[] = [...this.notes];
    const path = activePath(this.nodes);
    const st: ConvertState = { callNames: new Map(), skipped: new WarningCounter(), counted: new Set(), models: [] };
    const steps = pathSteps(path.nodes, st);
    const onPath = new Set(path.nodes.map((n) => n.uuid));
    const dropped = this.nodes.filter((n) => CC_MESSAGE_TYPES.has(String(n.record.type)) && !onPath.has(n.uuid)).length;
    if (dropped) warnings.push(`${dropped} record(s) on abandoned branches were not imported`);
    if (path.broken) warnings.push(`${path.broken} parent link(s) point at records missing from the file`);
    if (this.duplicates) warnings.push(`${this.duplicates} duplicate record(s) (same uuid) were ignored`);
    if (!this.nodes.length) warnings.push("the session holds no messages");
    warnings.push(...this.unknown.lines(), ...st.skipped.lines());

    const models = [...new Set(st.models)];
    const extra: Record<string, unknown> = {};
    if (this.meta.gitBranch) extra.gitBranch = this.meta.gitBranch;
    if (this.meta.slug) extra.slug = this.meta.slug;
    if (models.length > 1) extra.models = models;
    const source: SourceMeta = {
      agent: "claude-code",
      ...(st.models.length ? { model: st.models[st.models.length - 1] } : {}),
      ...(this.meta.cwd ? { cwd: this.meta.cwd } : {}),
      ...(this.meta.sessionId ? { sessionId: this.meta.sessionId } : {}),
      ...(this.meta.version ? { version: this.meta.version } : {}),
      ...(this.first ? { startedAt: this.first } : {}),
      ...(this.last ? { endedAt: this.last } : {}),
      ...(Object.keys(extra).length ? { extra } : {}),
    };
    const title = this.title(steps);
    return finalizeTrajectory(
      {
        format: "claude-code",
        ...(title ? { title } : {}),
        tools: [],
        steps,
        source,
        ...(st.usage ? { usage: st.usage } : {}),
        warnings,
      },
      this.filename,
    );
  }

  /**
   * A summary record names its conversation by `leafUuid`; session files also carry summaries of
   * other sessions (their leaves are elsewhere), so only one whose leaf is a record of this file
   * counts. Otherwise the first human message titles the session.
   */
  private title(steps: readonly ParsedStep[]): string | undefined {
    if (this.customTitle) return this.customTitle;
    if (this.aiTitle) return this.aiTitle;
    const own = this.summaries.filter((s) => s.leaf && this.uuids.has(s.leaf));
    if (own.length) return own[own.length - 1].text;
    const human = steps.find((s) => s.kind === "human" && !s.sidechain);
    const line =
      human && "text" in human
        ? human.text
            .split("\n")
            .find((l) => l.trim() !== "")
            ?.trim()
        : undefined;
    return line ? (line.length > 80 ? `${line.slice(0, 79)}…` : line) : undefined;
  }
}
