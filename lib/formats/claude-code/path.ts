/**
 * Claude Code records form a tree through `parentUuid`: rewinds leave abandoned sibling branches,
 * `/compact` starts a new root that points back through `logicalParentUuid`, and sub-agents
 * (sidechains) run on their own chains. This picks what a reader should see: the main chain from
 * its last leaf, plus each sidechain's active chain placed where it ran in time.
 */
import { arr, isRec, str, type Rec } from "@/lib/formats/normalize/json-guards";

export interface CcNode {
  uuid: string;
  parent: string | null;
  /** Set on compact boundaries: the leaf before compaction. */
  logicalParent?: string;
  record: Rec;
  line: number;
  /** Position in the file, for "later wins" and ordering. */
  order: number;
  sidechain: boolean;
  /** Epoch ms of the record, NaN when absent. */
  time: number;
}

export interface ActivePath {
  nodes: CcNode[];
  /** Chain links that pointed at a uuid not in the file. */
  broken: number;
}

const messageId = (n: CcNode): string | undefined => (isRec(n.record.message) ? str(n.record.message.id) : undefined);

function blocksOf(n: CcNode, type: string): Rec[] {
  const content = isRec(n.record.message) ? n.record.message.content : undefined;
  return arr(content).filter((b): b is Rec => isRec(b) && b.type === type);
}

function childrenIndex(nodes: CcNode[]): Map<string, CcNode[]> {
  const children = new Map<string, CcNode[]>();
  for (const n of nodes) {
    if (n.parent === null) continue;
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  return children;
}

/** Walks from `leaf` to its root, crossing compact boundaries through `logicalParentUuid`. */
function walk(leaf: CcNode, byUuid: Map<string, CcNode>): ActivePath {
  const out: CcNode[] = [];
  const seen = new Set<string>();
  let broken = 0;
  let cur: CcNode | undefined = leaf;
  while (cur && !seen.has(cur.uuid)) {
    seen.add(cur.uuid);
    out.push(cur);
    const next: string | null | undefined = cur.parent ?? cur.logicalParent;
    if (!next) break;
    const found = byUuid.get(next);
    if (!found) broken++;
    cur = found;
  }
  return { nodes: out.reverse(), broken };
}

/**
 * Parallel tool results may hang off the same parent as the record the chain continues through;
 * they are part of the conversation, not an abandoned branch, and so are lines of the same API
 * message written as siblings.
 */
function withStraySiblings(path: CcNode[], children: Map<string, CcNode[]>): CcNode[] {
  const onPath = new Set(path.map((n) => n.uuid));
  const called = new Set<string>();
  const answered = new Set<string>();
  const msgIds = new Set<string>();
  for (const n of path) {
    for (const b of blocksOf(n, "tool_use")) if (typeof b.id === "string") called.add(b.id);
    for (const b of blocksOf(n, "tool_result")) if (typeof b.tool_use_id === "string") answered.add(b.tool_use_id);
    const id = messageId(n);
    if (id && n.record.type === "assistant") msgIds.add(id);
  }
  const qualifies = (n: CcNode): boolean => {
    if (onPath.has(n.uuid)) return false;
    if (n.record.type === "assistant") return msgIds.has(messageId(n) ?? "\0");
    if (n.record.type !== "user") return false;
    const results = blocksOf(n, "tool_result");
    return results.some(
      (b) => typeof b.tool_use_id === "string" && called.has(b.tool_use_id) && !answered.has(b.tool_use_id),
    );
  };
  const out: CcNode[] = [];
  path.forEach((n, i) => {
    out.push(n);
    const extras = (children.get(n.uuid) ?? []).filter(qualifies);
    if (!extras.length) return;
    const next = path[i + 1];
    const before = extras.filter((e) => !next || e.order < next.order);
    for (const e of before) {
      for (const b of blocksOf(e, "tool_result")) if (typeof b.tool_use_id === "string") answered.add(b.tool_use_id);
      onPath.add(e.uuid);
      out.push(e);
    }
  });
  return out;
}

function lastLeaf(nodes: CcNode[], children: Map<string, CcNode[]>): CcNode | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    const kids = (children.get(n.uuid) ?? []).filter((c) => c.sidechain === n.sidechain);
    if (!kids.length) return n;
  }
  return nodes[nodes.length - 1];
}

/** The first record of a sidechain (its parent, if any, lies on the main chain). */
function rootOf(n: CcNode, byUuid: Map<string, CcNode>): string {
  let cur = n;
  const seen = new Set<string>();
  while (!seen.has(cur.uuid)) {
    seen.add(cur.uuid);
    const up = cur.parent ? byUuid.get(cur.parent) : undefined;
    if (!up || !up.sidechain) break;
    cur = up;
  }
  return cur.uuid;
}

export function activePath(all: CcNode[]): ActivePath {
  const byUuid = new Map(all.map((n) => [n.uuid, n]));
  const children = childrenIndex(all);
  const main = all.filter((n) => !n.sidechain);
  const primary = main.length ? main : all;
  const leaf = lastLeaf(primary, children);
  if (!leaf) return { nodes: [], broken: 0 };
  const mainPath = walk(leaf, byUuid);
  let nodes = withStraySiblings(mainPath.nodes, children);
  let broken = mainPath.broken;
  if (!main.length) return { nodes, broken };

  // Each sidechain tree contributes its own active chain, inserted as one block where it started.
  const groups = new Map<string, CcNode[]>();
  for (const n of all) {
    if (!n.sidechain) continue;
    const root = rootOf(n, byUuid);
    const g = groups.get(root);
    if (g) g.push(n);
    else groups.set(root, [n]);
  }
  for (const group of groups.values()) {
    const sideLeaf = lastLeaf(group, children);
    if (!sideLeaf) continue;
    const side = walk(sideLeaf, byUuid);
    broken += side.broken;
    const block = withStraySiblings(
      side.nodes.filter((n) => n.sidechain),
      children,
    );
    if (!block.length) continue;
    const start = block[0].time;
    const at = Number.isNaN(start) ? -1 : nodes.findIndex((n) => !n.sidechain && n.time > start);
    nodes = at === -1 ? [...nodes, ...block] : [...nodes.slice(0, at), ...block, ...nodes.slice(at)];
  }
  return { nodes, broken };
}
