import type { RunView } from "@/components/queries/synthesis/run-progress";

export function RunProgressBar({ view, total, label }: { view: RunView; total: number; label: string }) {
  return (
    <div className="min-w-40">
      <div
        className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={view.settled}
      >
        <div
          className={`h-full transition-all ${view.active ? "bg-indigo-600" : "bg-emerald-600"}`}
          style={{ width: `${view.percent}%` }}
        />
      </div>
      <div className="mt-0.5 text-xs tabular-nums text-zinc-500">
        {view.settled} / {total} PRs
      </div>
    </div>
  );
}
