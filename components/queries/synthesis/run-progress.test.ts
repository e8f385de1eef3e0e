import { describe, expect, it } from "vitest";
import { formatCost, formatTally, runView, type RunTally } from "@/components/queries/synthesis/run-progress";

const run = (over: Partial<RunTally>): RunTally => ({
  status: "running",
  total: 10,
  done: 0,
  skipped: 0,
  flagged: 0,
  failed: 0,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  ...over,
});

describe("runView", () => {
  it("counts every settled PR toward progress and polls while queued or running", () => {
    expect(runView(run({ done: 3, skipped: 1, flagged: 1 }))).toMatchObject({
      settled: 5,
      percent: 50,
      active: true,
      canCancel: true,
      canResume: false,
      candidates: 4,
    });
    expect(runView(run({ status: "queued", total: 0 }))).toMatchObject({ percent: 0, active: true });
  });

  it("offers resume after a cancel or a failure, and after a finish that left flagged PRs", () => {
    expect(runView(run({ status: "cancelled", done: 2 })).canResume).toBe(true);
    expect(runView(run({ status: "failed" })).canResume).toBe(true);
    expect(runView(run({ status: "done", done: 9, flagged: 1 }))).toMatchObject({
      canResume: true,
      canCancel: false,
      active: false,
      percent: 100,
    });
    expect(runView(run({ status: "done", done: 10 })).canResume).toBe(false);
    expect(runView(run({ status: "done", total: 0 })).percent).toBe(100);
  });

  it("keeps polling a cancelled run that is still stopping, and offers resume only once it has", () => {
    expect(runView(run({ status: "cancelled" }), true)).toMatchObject({
      active: true,
      stopping: true,
      canCancel: false,
      canResume: false,
    });
    expect(runView(run({ status: "cancelled" }), false)).toMatchObject({
      active: false,
      stopping: false,
      canResume: true,
    });
    expect(runView(run({ status: "running" }), true)).toMatchObject({ active: true, stopping: false, canCancel: true });
  });
});

describe("tally", () => {
  it("formats tokens and cost, saying when prices are not set", () => {
    expect(formatCost(0)).toBe("not priced");
    expect(formatCost(0.00123)).toBe("$0.0012");
    expect(formatCost(1.5)).toBe("$1.50");
    expect(formatTally(run({ promptTokens: 12345, completionTokens: 678, costUsd: 0.02 }))).toBe(
      "12,345 prompt + 678 completion tokens · $0.02",
    );
  });
});
