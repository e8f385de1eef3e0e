/** How a synthesis run reads on the page: progress, what can be done with it, its tally. */
export const RUN_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  done: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

export interface RunTally {
  status: RunStatus;
  total: number;
  /** New candidate queries written by the last pass. */
  done: number;
  /** PRs that already had a query when the last pass reached them (earlier passes, or another run). */
  skipped: number;
  flagged: number;
  failed: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface RunView {
  /** PRs settled by the last pass, of `total`. */
  settled: number;
  percent: number;
  /** Still moving: poll it. */
  active: boolean;
  canCancel: boolean;
  /** Stopped with work left, or with flagged/failed PRs to retry. */
  canResume: boolean;
  /** Cancelled (or failed) while its last calls are still finishing. */
  stopping: boolean;
  /** Candidates that exist for this run's PRs: new ones plus those already there. */
  candidates: number;
  tokens: number;
}

/** `executing`: a job still works on the run (a cancelled one finishing its calls in flight). */
export function runView(r: RunTally, executing = false): RunView {
  const settled = Math.min(r.total, r.done + r.skipped + r.flagged + r.failed);
  const moving = r.status === "queued" || r.status === "running";
  const active = moving || executing;
  const unfinished = settled < r.total || r.flagged + r.failed > 0;
  return {
    settled,
    percent: r.total ? Math.round((settled / r.total) * 100) : active ? 0 : 100,
    active,
    canCancel: moving,
    canResume: !executing && (r.status === "failed" || r.status === "cancelled" || (r.status === "done" && unfinished)),
    stopping: executing && !moving,
    candidates: r.done + r.skipped,
    tokens: r.promptTokens + r.completionTokens,
  };
}

const int = new Intl.NumberFormat("en");

/** "$0.0123"; "not priced" when the prices are not configured (the tally is then 0). */
export function formatCost(usd: number): string {
  if (!usd) return "not priced";
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function formatTally(r: RunTally): string {
  return `${int.format(r.promptTokens)} prompt + ${int.format(r.completionTokens)} completion tokens · ${formatCost(r.costUsd)}`;
}
