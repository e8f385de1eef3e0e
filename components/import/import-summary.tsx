import type { BatchSummary } from "@/components/import/result-rows";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 imported, 1 duplicate, 2 rejected", announced as it changes. */
export function ImportSummary({ summary, running }: { summary: BatchSummary; running: boolean }) {
  const parts = [
    `${summary.imported} imported`,
    plural(summary.duplicate, "duplicate", "duplicates"),
    `${summary.rejected} rejected`,
  ];
  if (summary.failed) parts.push(`${summary.failed} failed`);
  return (
    <p className="text-sm" role="status" aria-live="polite" data-testid="import-summary">
      <span className="font-medium">{parts.join(", ")}</span>
      {running && summary.pending > 0 && (
        <span className="text-zinc-500"> · {plural(summary.pending, "file", "files")} to go</span>
      )}
      {!running && <span className="text-zinc-500"> · done</span>}
    </p>
  );
}
