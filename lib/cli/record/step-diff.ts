/**
 * What to send after a new snapshot of the transcript: the steps past those already sent, and a
 * rewrite for every step already sent that the source has since changed or dropped. Steps are
 * matched by position, and by the source's own id where the format gives one (`step.source.id`):
 * a step whose id or content differs from what was sent is a rewrite, which the server keeps for
 * revision 2 "source rewritten" (revision 1 stays what was seen live).
 *
 * Until the session ends, the newest steps are held back while they may still change as the
 * agent writes on: the last step of the snapshot (a message can be continued on the next line),
 * and anything from a tool call still waiting for its result (the parser marks it `orphan`).
 */
import type { ParsedStep } from "@/lib/trajectory/types";

export interface StepDiff {
  fresh: ParsedStep[];
  rewrites: Array<{ index: number; step: ParsedStep | null }>;
}

const same = (a: ParsedStep, b: ParsedStep) => JSON.stringify(a) === JSON.stringify(b);

/** How many leading steps of the snapshot are settled. */
export function stableCount(steps: readonly ParsedStep[], final: boolean): number {
  if (final) return steps.length;
  let n = Math.max(0, steps.length - 1);
  const open = steps.findIndex((s) => s.kind === "tool_call" && s.orphan === true);
  if (open >= 0) n = Math.min(n, open);
  return n;
}

export function diffSteps(sent: readonly (ParsedStep | null)[], now: readonly ParsedStep[], final: boolean): StepDiff {
  const stable = stableCount(now, final);
  const rewrites: StepDiff["rewrites"] = [];
  for (let i = 0; i < sent.length; i++) {
    const before = sent[i];
    const after = i < now.length ? now[i] : null;
    if (before === null && after === null) continue;
    // A sent step that is now the unsettled tail is left alone until it settles or the session ends.
    if (after && i >= stable) continue;
    if (!final && !after) continue;
    if (before && after && same(before, after)) continue;
    rewrites.push({ index: i, step: after });
  }
  return { fresh: now.slice(sent.length, Math.max(sent.length, stable)), rewrites };
}
