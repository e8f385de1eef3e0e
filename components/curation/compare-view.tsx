"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { curationApi, trajectoryPath, type CompareResponse } from "@/components/curation/curation-api";

export function CompareView({ slug, from, to }: { slug: string; from: number; to: number }) {
  const c = useQuery({
    queryKey: ["curation", slug, "compare", from, to],
    queryFn: () => apiFetch<CompareResponse>(curationApi(slug).compare(from, to)),
  });
  if (c.isPending) return <Spinner label="Comparing" />;
  if (c.isError) return <ErrorBox error={c.error} />;
  const d = c.data;
  const block = (title: string, testId: string, rows: { trajectoryId: string; title: string; detail: string }[]) => (
    <div className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid={testId}>
      <h3 className="mb-1 text-sm font-semibold">
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">none</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((r) => (
            <li key={r.trajectoryId}>
              <Link className="hover:underline" href={trajectoryPath(slug, r.trajectoryId)}>
                {r.title}
              </Link>{" "}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{r.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="compare-summary">
        #{d.from} → #{d.to}: {d.added.length} added, {d.removed.length} removed, {d.changed.length} changed revision,{" "}
        {d.unchanged} unchanged.
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        {block(
          "Added",
          "compare-added",
          d.added.map((x) => ({ ...x, detail: `rev ${x.revisionNumber}` })),
        )}
        {block(
          "Removed",
          "compare-removed",
          d.removed.map((x) => ({ ...x, detail: `rev ${x.revisionNumber}` })),
        )}
        {block(
          "Changed revision",
          "compare-changed",
          d.changed.map((x) => ({ ...x, detail: `rev ${x.fromRevision} → ${x.toRevision}` })),
        )}
      </div>
    </div>
  );
}
