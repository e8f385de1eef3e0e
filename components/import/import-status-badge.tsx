import { Badge } from "@/components/ui/states";
import type { RowStatus } from "@/components/import/result-rows";

const TONES = {
  queued: "zinc",
  uploading: "indigo",
  processing: "indigo",
  imported: "green",
  duplicate: "amber",
  rejected: "red",
  failed: "red",
} as const;

/** A file's state in the batch; while uploading, a progress bar with the percentage. */
export function ImportStatusBadge({ status, percent }: { status: RowStatus; percent: number }) {
  if (status === "uploading") {
    return (
      <div className="flex min-w-32 items-center gap-2">
        <div
          className="h-1.5 w-20 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
          role="progressbar"
          aria-label="Upload progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div
            className="h-full bg-indigo-600 transition-[width] dark:bg-indigo-400"
            style={{ width: `${percent}%` }}
          />
        </div>
        <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-400">Uploading {percent}%</span>
      </div>
    );
  }
  if (status === "processing") {
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="h-3 w-3 animate-spin rounded-full border-2 border-zinc-300 border-t-indigo-600" aria-hidden />
        Processing
      </span>
    );
  }
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
