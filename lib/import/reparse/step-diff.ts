/**
 * What a re-parse changes, as revision operations on the head's stable keys and as a sentence a
 * person reads in the history. Steps are compared as stored (without key and token count).
 */
import type { CanonicalStep, ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";
import type { RevisionOp } from "@/lib/trajectory/revision-ops";

const bare = (s: CanonicalStep): ParsedStep => {
  const { key: _k, tokens: _t, ...step } = s;
  return step as ParsedStep;
};
/** JSON with sorted keys: stored bodies come back from jsonb with their keys reordered. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}
const same = (a: ParsedStep, b: ParsedStep) => stable(a) === stable(b);

/**
 * Operations turning `head` into `next`, position by position: a step that differs is updated in
 * place (its key, so annotations re-anchor), surplus head steps are deleted, new ones inserted
 * after the previous key. Empty when nothing changed.
 */
export function reparseOps(head: readonly CanonicalStep[], next: readonly ParsedStep[]): RevisionOp[] {
  const ops: RevisionOp[] = [];
  const shared = Math.min(head.length, next.length);
  for (let i = 0; i < shared; i++)
    if (!same(bare(head[i]), next[i])) ops.push({ op: "update", key: head[i].key, step: next[i] });
  for (let i = shared; i < head.length; i++) ops.push({ op: "delete", key: head[i].key });
  let after: string | null = shared > 0 ? head[shared - 1].key : null;
  for (let i = shared; i < next.length; i++) {
    const key = `r${i}`;
    ops.push({ op: "insert", after, step: next[i], key });
    after = key;
  }
  return ops;
}

interface Tally {
  human: number;
  toolCalls: number;
  toolResults: number;
  failed: number;
  detected: number;
  reasoning: number;
  assistant: number;
  orphans: number;
}

function tally(steps: readonly ParsedStep[]): Tally {
  const t: Tally = {
    human: 0,
    toolCalls: 0,
    toolResults: 0,
    failed: 0,
    detected: 0,
    reasoning: 0,
    assistant: 0,
    orphans: 0,
  };
  for (const s of steps) {
    if (s.kind === "human" && !s.sidechain) t.human++;
    else if (s.kind === "tool_call") {
      t.toolCalls++;
      if (s.orphan) t.orphans++;
    } else if (s.kind === "tool_result") {
      t.toolResults++;
      if (s.isError) t.failed++;
      if (s.isError && s.errorSource === "detected") t.detected++;
    } else if (s.kind === "reasoning") t.reasoning++;
    else if (s.kind === "assistant") t.assistant++;
  }
  return t;
}

const LABELS: Record<keyof Tally, string> = {
  human: "human messages",
  toolCalls: "tool calls",
  toolResults: "tool results",
  failed: "failed results",
  detected: "detected failures",
  reasoning: "reasoning steps",
  assistant: "assistant messages",
  orphans: "orphan calls",
};

/** "re-parsed: human messages 0 → 1, tool results 0 → 4; format openai-chat → mini-swe-agent; 7 steps changed". */
export function changeSummary(
  before: { steps: readonly ParsedStep[]; format: string; title: string },
  after: ParsedTrajectory,
  changedSteps: number,
): string {
  const a = tally(before.steps);
  const b = tally(after.steps);
  const parts = (Object.keys(LABELS) as (keyof Tally)[])
    .filter((k) => a[k] !== b[k])
    .map((k) => `${LABELS[k]} ${a[k]} → ${b[k]}`);
  if (before.format !== after.format) parts.push(`format ${before.format} → ${after.format}`);
  if (after.title && after.title !== before.title) parts.push(`title “${after.title.slice(0, 80)}”`);
  parts.push(`${changedSteps} step change(s)`);
  return `re-parsed with the current importer: ${parts.join(", ")}`.slice(0, 480);
}
