import { describe, expect, it } from "vitest";
import { activeFilterCount, filterSteps, NO_FILTERS } from "@/lib/viewer/filters";
import type { StepIndexEntry } from "@/lib/viewer/types";

type S = Pick<StepIndexEntry, "kind" | "isError" | "callId">;
const steps: S[] = [
  { kind: "human", isError: false, callId: null },
  { kind: "reasoning", isError: false, callId: null },
  { kind: "tool_call", isError: false, callId: "c1" },
  { kind: "tool_result", isError: true, callId: "c1" },
  { kind: "tool_call", isError: false, callId: "c2" },
  { kind: "tool_result", isError: false, callId: "c2" },
  { kind: "error", isError: false, callId: null },
  { kind: "human", isError: false, callId: null },
];

describe("filterSteps", () => {
  it("shows everything without filters", () => {
    expect(filterSteps(steps, NO_FILTERS)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("hides reasoning and tool output", () => {
    expect(filterSteps(steps, { ...NO_FILTERS, hideReasoning: true })).toEqual([0, 2, 3, 4, 5, 6, 7]);
    expect(filterSteps(steps, { ...NO_FILTERS, hideToolOutput: true })).toEqual([0, 1, 2, 4, 6, 7]);
  });

  it("keeps only human turns, or only errors with the failing call", () => {
    expect(filterSteps(steps, { ...NO_FILTERS, onlyHuman: true })).toEqual([0, 7]);
    expect(filterSteps(steps, { ...NO_FILTERS, onlyErrors: true })).toEqual([2, 3, 6]);
  });

  it("widens 'only' filters to a union, then applies 'hide' filters", () => {
    expect(filterSteps(steps, { ...NO_FILTERS, onlyHuman: true, onlyErrors: true })).toEqual([0, 2, 3, 6, 7]);
    expect(filterSteps(steps, { ...NO_FILTERS, onlyErrors: true, hideToolOutput: true })).toEqual([2, 6]);
    expect(activeFilterCount({ ...NO_FILTERS, onlyErrors: true, hideToolOutput: true })).toBe(2);
  });
});
