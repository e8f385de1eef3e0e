/** Colours and labels of step kinds, shared by step cards, the outline rail and the token bar. */
import type { StepKind } from "@/lib/viewer/types";

export const KIND_LABEL: Record<StepKind, string> = {
  system: "System",
  human: "Human",
  assistant: "Assistant",
  reasoning: "Reasoning",
  tool_call: "Tool call",
  tool_result: "Tool result",
  error: "Error",
  meta: "Meta",
};

/** Outline bar colours (canvas needs plain colours, not classes). */
export const KIND_COLOR: Record<StepKind, string> = {
  system: "#a1a1aa",
  human: "#f59e0b",
  assistant: "#6366f1",
  reasoning: "#a78bfa",
  tool_call: "#0ea5e9",
  tool_result: "#14b8a6",
  error: "#ef4444",
  meta: "#71717a",
};

/** The card's accent: human turns stand out, since they are the feedback LIMI values. */
export const KIND_CARD: Record<StepKind, string> = {
  system: "border-l-zinc-400 bg-white dark:bg-zinc-900",
  human: "border-l-amber-500 bg-amber-50 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:ring-amber-900",
  assistant: "border-l-indigo-500 bg-white dark:bg-zinc-900",
  reasoning: "border-l-violet-400 bg-violet-50/50 dark:bg-violet-950/20",
  tool_call: "border-l-sky-500 bg-white dark:bg-zinc-900",
  tool_result: "border-l-teal-500 bg-zinc-50 dark:bg-zinc-900/60",
  error: "border-l-red-500 bg-red-50 dark:bg-red-950/30",
  meta: "border-l-zinc-500 bg-zinc-50 dark:bg-zinc-900/60",
};
