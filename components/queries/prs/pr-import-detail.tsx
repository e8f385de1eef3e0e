"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { describeFilterOptions, REMOVED_BY_LABELS } from "@/components/queries/prs/pr-filter-form";
import { Select } from "@/components/ui/field";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import { RemovedCounts } from "@/components/queries/prs/removed-counts";
import { RunList } from "@/components/queries/synthesis/run-list";
import { StartRunForm } from "@/components/queries/synthesis/start-run-form";
import type { PrImportRow, PrListRow } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";

type Show = "all" | "kept" | "removed";

/** One PR import: what the filters did to each PR, and synthesis over the kept ones. */
export function PrImportDetail({
  slug,
  importId,
  llmConfigured,
}: {
  slug: string;
  importId: string;
  /** Without an LLM endpoint the server refuses runs; the button says so before anyone tries. */
  llmConfigured: boolean;
}) {
  const q = useQuery({
    queryKey: queryKeys.prImport(slug, importId),
    queryFn: () => apiFetch<{ import: PrImportRow; prs: PrListRow[] }>(`/api/projects/${slug}/pr-imports/${importId}`),
  });
  const [show, setShow] = useState<Show>("all");
  if (q.isPending) return <Spinner />;
  if (q.error || !q.data) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const { import: imp, prs } = q.data;
  const shown = prs.filter((p) => show === "all" || (show === "kept") === p.kept);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {imp.sourceKind === "git" ? "Git range" : "File"}{" "}
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{imp.sourceName}</span>, imported{" "}
          <DateTime value={imp.createdAt} /> · {describeFilterOptions(imp.options)}
        </p>
        <RemovedCounts imp={imp} />
      </div>
      <StartRunForm slug={slug} importId={imp.id} kept={imp.kept} llmConfigured={llmConfigured} />
      <RunList slug={slug} importId={imp.id} title="Runs on this import" />
      <section aria-labelledby="prs-h" className="space-y-2">
        <div className="flex items-center justify-between gap-2">
          <h2 id="prs-h" className="text-base font-semibold">
            Pull requests
          </h2>
          <Select aria-label="Show" value={show} onChange={(e) => setShow(e.target.value as Show)} className="w-40">
            <option value="all">All ({prs.length})</option>
            <option value="kept">Kept ({prs.filter((p) => p.kept).length})</option>
            <option value="removed">Removed ({prs.filter((p) => !p.kept).length})</option>
          </Select>
        </div>
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="min-w-full text-sm" data-testid="pr-table">
            <tbody>
              {shown.map((p) => (
                <tr
                  key={p.id}
                  className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
                  data-testid="pr-row"
                  data-kept={p.kept}
                >
                  <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                    {p.url ? (
                      <a href={p.url} target="_blank" rel="noopener noreferrer nofollow" className="hover:underline">
                        {p.repo}#{p.number}
                      </a>
                    ) : (
                      `${p.repo}#${p.number}`
                    )}
                  </td>
                  <td className="max-w-md truncate px-3 py-2" title={p.title}>
                    {p.title}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-zinc-500" title={p.changedFiles.join("\n")}>
                    {p.changedFiles.length} {p.changedFiles.length === 1 ? "file" : "files"}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {p.kept ? (
                      <Badge tone="green">kept</Badge>
                    ) : (
                      <Badge>{p.removedBy ? REMOVED_BY_LABELS[p.removedBy] : "removed"}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {prs.length >= 2000 && <p className="text-xs text-zinc-500">The first 2,000 PRs are listed.</p>}
      </section>
    </div>
  );
}
