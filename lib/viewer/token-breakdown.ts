/** The header's token totals by kind: segments for the stacked bar, in a fixed order. */
import type { TrajectoryDetail } from "@/lib/viewer/types";

export type TokenSegmentKind = "system" | "human" | "assistant" | "reasoning" | "tool_call" | "tool_result";

export interface TokenSegment {
  kind: TokenSegmentKind;
  label: string;
  tokens: number;
  /** Share of the sum of the segments, 0..1. */
  share: number;
}

export function tokenBreakdown(
  t: Pick<
    TrajectoryDetail,
    "tokensSystem" | "tokensHuman" | "tokensAssistant" | "tokensReasoning" | "tokensToolCall" | "tokensToolOutput"
  >,
): TokenSegment[] {
  const raw: Array<[TokenSegmentKind, string, number]> = [
    ["system", "System", t.tokensSystem],
    ["human", "Human", t.tokensHuman],
    ["assistant", "Assistant", t.tokensAssistant],
    ["reasoning", "Reasoning", t.tokensReasoning],
    ["tool_call", "Tool calls", t.tokensToolCall],
    ["tool_result", "Tool output", t.tokensToolOutput],
  ];
  const sum = raw.reduce((a, [, , n]) => a + n, 0);
  return raw.map(([kind, label, tokens]) => ({ kind, label, tokens, share: sum > 0 ? tokens / sum : 0 }));
}
