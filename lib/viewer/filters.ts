/**
 * The viewer's step filters. "Only" filters widen to a union (only human turns + only errors shows
 * both); "hide" filters then remove their kinds. Returned as indices into the full step list, so
 * the outline, search and keyboard all agree on one visible order.
 */
import type { StepIndexEntry } from "@/lib/viewer/types";

export interface StepFilters {
  hideReasoning: boolean;
  hideToolOutput: boolean;
  onlyHuman: boolean;
  onlyErrors: boolean;
}

export const NO_FILTERS: StepFilters = {
  hideReasoning: false,
  hideToolOutput: false,
  onlyHuman: false,
  onlyErrors: false,
};

export const FILTER_LABELS: Record<keyof StepFilters, string> = {
  hideReasoning: "Hide reasoning",
  hideToolOutput: "Hide tool output",
  onlyHuman: "Only human turns",
  onlyErrors: "Only errors",
};

export function activeFilterCount(f: StepFilters): number {
  return Object.values(f).filter(Boolean).length;
}

type FilterableStep = Pick<StepIndexEntry, "kind" | "isError" | "callId">;

/** Call ids whose result failed: "only errors" keeps the failing call next to its error output. */
function failedCallIds(steps: readonly FilterableStep[]): Set<string> {
  const ids = new Set<string>();
  for (const s of steps) if (s.kind === "tool_result" && s.isError && s.callId) ids.add(s.callId);
  return ids;
}

export function isErrorStep(step: FilterableStep, failed: ReadonlySet<string>): boolean {
  if (step.isError || step.kind === "error") return true;
  return step.kind === "tool_call" && step.callId !== null && failed.has(step.callId);
}

/** Indices (into `steps`) of the steps the filters let through, in order. */
export function filterSteps(steps: readonly FilterableStep[], f: StepFilters): number[] {
  const out: number[] = [];
  const anyOnly = f.onlyHuman || f.onlyErrors;
  const failed = f.onlyErrors ? failedCallIds(steps) : new Set<string>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (anyOnly && !((f.onlyHuman && s.kind === "human") || (f.onlyErrors && isErrorStep(s, failed)))) continue;
    if (f.hideReasoning && s.kind === "reasoning") continue;
    if (f.hideToolOutput && s.kind === "tool_result") continue;
    out.push(i);
  }
  return out;
}
