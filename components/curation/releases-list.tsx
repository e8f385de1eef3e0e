"use client";
/** The project's releases, newest first, and a comparison of any two (added, removed, changed revision). */
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { Select } from "@/components/ui/field";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { curationApi, curationPath, type ReleasesResponse } from "@/components/curation/curation-api";
import { CompareView } from "@/components/curation/compare-view";

export function ReleasesList({ slug }: { slug: string }) {
  const api = curationApi(slug);
  const list = useQuery({
    queryKey: ["curation", slug, "releases"],
    queryFn: () => apiFetch<ReleasesResponse>(api.releases),
  });
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  if (list.isPending) return <Spinner label="Loading releases" />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => void list.refetch()} />;
  const rel = list.data.releases as Array<{
    number: number;
    createdAt: string;
    notes: string;
    override: { reason: string } | null;
    setName: string;
    setId: string;
    approvedBy: string | null;
    items: number;
  }>;
  if (!rel.length)
    return (
      <EmptyState title="No releases yet">
        A lead locks a set from its board (Release…) once it meets its target and quotas and its checks are clear.
      </EmptyState>
    );
  const a = from ?? rel[1]?.number ?? rel[0].number;
  const b = to ?? rel[0].number;
  return (
    <div className="space-y-6">
      <table className="w-full text-left text-sm" data-testid="releases-table">
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th className="py-2 pr-3">#</th>
            <th className="py-2 pr-3">Set</th>
            <th className="py-2 pr-3">Items</th>
            <th className="py-2 pr-3">Approved by</th>
            <th className="py-2 pr-3">Locked</th>
            <th className="py-2">Notes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rel.map((r) => (
            <tr key={r.number}>
              <td className="py-2 pr-3">
                <Link
                  className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  href={curationPath(slug, `/releases/${r.number}`)}
                >
                  #{r.number}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <Link className="hover:underline" href={curationPath(slug, `/sets/${r.setId}`)}>
                  {r.setName}
                </Link>
              </td>
              <td className="py-2 pr-3">{r.items}</td>
              <td className="py-2 pr-3">{r.approvedBy ?? "—"}</td>
              <td className="py-2 pr-3">
                <DateTime value={r.createdAt} />
              </td>
              <td className="py-2">
                {r.override && <Badge tone="amber">override</Badge>} {r.notes}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rel.length > 1 && (
        <section aria-labelledby="compare-h" className="space-y-3">
          <h2 id="compare-h" className="text-base font-semibold">
            Compare
          </h2>
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">From</span>
              <Select value={a} onChange={(e) => setFrom(Number(e.target.value))} data-testid="compare-from">
                {rel.map((r) => (
                  <option key={r.number} value={r.number}>
                    #{r.number}
                  </option>
                ))}
              </Select>
            </label>
            <label>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">To</span>
              <Select value={b} onChange={(e) => setTo(Number(e.target.value))} data-testid="compare-to">
                {rel.map((r) => (
                  <option key={r.number} value={r.number}>
                    #{r.number}
                  </option>
                ))}
              </Select>
            </label>
          </div>
          <CompareView slug={slug} from={a} to={b} />
        </section>
      )}
    </div>
  );
}
