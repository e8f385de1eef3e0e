/**
 * Incremental Claude Code session builder: `push` each JSONL record as it is read (or as a live
 * recorder receives it), `finish` whenever a trajectory is wanted. `finish` does not change the
 * builder, so it can be called again after more records arrive.
 */
import type { ParsedTrajectory, SourceMeta } from "@/lib/trajectory/types";
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

  constructor(readonly filename: string) {}

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
    const warnings: string[] = [];
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
    const title = this.title(onPath);
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

  private title(onPath: Set<string>): string | undefined {
    if (this.customTitle) return this.customTitle;
    if (this.aiTitle) return this.aiTitle;
    const matching = this.summaries.filter((s) => s.leaf && onPath.has(s.leaf));
    return (matching[matching.length - 1] ?? this.summaries[this.summaries.length - 1])?.text;
  }
}
