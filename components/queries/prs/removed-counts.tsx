import { REMOVED_BY_LABELS, REMOVED_BY_ORDER } from "@/components/queries/prs/pr-filter-form";
import type { PrImportRow } from "@/components/queries/query-types";

const fmt = new Intl.NumberFormat("en");

/** Read, kept, and how many PRs each LIMI filter removed (a PR counts under the first filter that removed it). */
export function RemovedCounts({ imp }: { imp: Pick<PrImportRow, "total" | "kept" | "removed"> }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="pr-import-counts">
      <div>
        <dt className="text-xs uppercase text-zinc-500">Read</dt>
        <dd className="text-lg font-semibold tabular-nums" data-testid="count-total">
          {fmt.format(imp.total)}
        </dd>
      </div>
      <div>
        <dt className="text-xs uppercase text-zinc-500">Kept</dt>
        <dd
          className="text-lg font-semibold tabular-nums text-emerald-700 dark:text-emerald-400"
          data-testid="count-kept"
        >
          {fmt.format(imp.kept)}
        </dd>
      </div>
      {REMOVED_BY_ORDER.map((k) => (
        <div key={k}>
          <dt className="text-xs uppercase text-zinc-500">Removed: {REMOVED_BY_LABELS[k]}</dt>
          <dd className="text-lg tabular-nums" data-testid={`removed-${k}`}>
            {fmt.format(imp.removed[k] ?? 0)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
