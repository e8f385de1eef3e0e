/** Step tallies and join checks shared by the format tests. */
import type { ParsedStep, ParsedTrajectory, StepOf } from "@/lib/trajectory/types";

export interface StepCounts {
  toolCalls: number;
  toolResults: number;
  failedResults: number;
  reasoning: number;
  hiddenReasoning: number;
  human: number;
  assistant: number;
  system: number;
  errors: number;
  meta: Record<string, number>;
  media: number;
}

export function stepCounts(t: ParsedTrajectory): StepCounts {
  const c: StepCounts = {
    toolCalls: 0,
    toolResults: 0,
    failedResults: 0,
    reasoning: 0,
    hiddenReasoning: 0,
    human: 0,
    assistant: 0,
    system: 0,
    errors: 0,
    meta: {},
    media: 0,
  };
  for (const s of t.steps) {
    c.media += s.media?.length ?? 0;
    if (s.kind === "tool_call") c.toolCalls++;
    else if (s.kind === "tool_result") {
      c.toolResults++;
      if (s.isError) c.failedResults++;
    } else if (s.kind === "reasoning") {
      c.reasoning++;
      if (s.hidden) c.hiddenReasoning++;
    } else if (s.kind === "human") c.human++;
    else if (s.kind === "assistant") c.assistant++;
    else if (s.kind === "system") c.system++;
    else if (s.kind === "error") c.errors++;
    else c.meta[s.subtype] = (c.meta[s.subtype] ?? 0) + 1;
  }
  return c;
}

export const stepsOf = <K extends ParsedStep["kind"]>(t: ParsedTrajectory, kind: K): StepOf<K>[] =>
  t.steps.filter((s): s is StepOf<K> => s.kind === kind);

/** Call ids of calls and of results, in order, for join assertions. */
export function joinIds(t: ParsedTrajectory): { calls: string[]; results: string[] } {
  return {
    calls: stepsOf(t, "tool_call").map((s) => s.callId),
    results: stepsOf(t, "tool_result").map((s) => s.callId),
  };
}

/** Every result answers an earlier call with the same id. */
export function resultsFollowCalls(t: ParsedTrajectory): boolean {
  const seen = new Set<string>();
  for (const s of t.steps) {
    if (s.kind === "tool_call") seen.add(s.callId);
    else if (s.kind === "tool_result" && !seen.has(s.callId)) return false;
  }
  return true;
}

/** Results marked failed by the text heuristic (`errorSource: "detected"`), not by the source. */
export function detectedFailures(t: ParsedTrajectory): number {
  return t.steps.filter((s) => s.kind === "tool_result" && s.isError && s.errorSource === "detected").length;
}
