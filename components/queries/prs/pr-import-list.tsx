"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/lib/http/client-fetch";
import { describeFilterOptions, REMOVED_BY_LABELS, REMOVED_BY_ORDER } from "@/components/queries/prs/pr-filter-form";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import type { PrImportRow } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";

const fmt = new Intl.NumberFormat("en");

/** Earlier PR imports, newest first, with what each filter removed. */
export function PrImportList({ slug }: { slug: string }) {
  const q = useQuery({
    queryKey: queryKeys.prImports(slug),
    queryFn: () => apiFetch<{ imports: PrImportRow[] }>(`/api/projects/${slug}/pr-imports`),
  });
  return (
    <section aria-labelledby="pr-list-h" className="space-y-2">
      <h2 id="pr-list-h" className="text-base font-semibold">
        Previous imports
      </h2>
      {q.isPending && <Spinner />}
      {q.error && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && q.data.imports.length === 0 && (
        <EmptyState title="No pull requests imported yet">
          Import a PR file above, or a git range with the CLI.
        </EmptyState>
      )}
      {q.data && q.data.imports.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="min-w-full text-sm" data-testid="pr-import-list">
            <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-500 dark:border-zinc-800">
              <tr>
                <th className="px-3 py-2 font-medium">Source</th>
                <th className="px-3 py-2 text-right font-medium">Read</th>
                <th className="px-3 py-2 text-right font-medium">Kept</th>
                {REMOVED_BY_ORDER.map((k) => (
                  <th key={k} className="px-3 py-2 text-right font-medium" title={`Removed: ${REMOVED_BY_LABELS[k]}`}>
                    {REMOVED_BY_LABELS[k]}
                  </th>
                ))}
                <th className="px-3 py-2 font-medium">Filters</th>
                <th className="px-3 py-2 font-medium">Imported</th>
              </tr>
            </thead>
            <tbody>
              {q.data.imports.map((imp) => (
                <tr
                  key={imp.id}
                  className="border-b border-zinc-100 last:border-0 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50"
                  data-testid="pr-import-row"
                >
                  <td className="max-w-xs truncate px-3 py-2">
                    <Link
                      href={`/projects/${slug}/queries/prs/${imp.id}`}
                      className="font-medium hover:underline"
                      title={imp.sourceName}
                    >
                      {imp.sourceName}
                    </Link>
                    <span className="ml-1 text-xs text-zinc-500">{imp.sourceKind === "git" ? "git" : "file"}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{fmt.format(imp.total)}</td>
                  <td className="px-3 py-2 text-right font-medium tabular-nums">{fmt.format(imp.kept)}</td>
                  {REMOVED_BY_ORDER.map((k) => (
                    <td key={k} className="px-3 py-2 text-right tabular-nums text-zinc-600 dark:text-zinc-400">
                      {fmt.format(imp.removed[k] ?? 0)}
                    </td>
                  ))}
                  <td className="px-3 py-2 text-xs text-zinc-500">{describeFilterOptions(imp.options)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-zinc-500">
                    <DateTime value={imp.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
