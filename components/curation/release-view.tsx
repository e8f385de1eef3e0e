"use client";
/** One release: who approved it, notes, token rule, override, the checks' result and the pinned items. */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { Badge, ErrorBox, Spinner } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { curationApi, curationPath, trajectoryPath, type ReleaseResponse } from "@/components/curation/curation-api";

export function ReleaseView({ slug, number }: { slug: string; number: number }) {
  const r = useQuery({
    queryKey: ["curation", slug, "release", number],
    queryFn: () => apiFetch<ReleaseResponse>(curationApi(slug).releaseOne(number)),
  });
  if (r.isPending) return <Spinner label="Loading the release" />;
  if (r.isError) return <ErrorBox error={r.error} />;
  const rel = r.data.release as {
    number: number;
    createdAt: string;
    notes: string;
    override: { reason: string; unmet?: string[] } | null;
    tokenRule: { maxTokensPerSample?: number; counter?: string; formula?: string };
    validation: { findings?: unknown[]; waivers?: unknown[]; checkedAt?: string };
    setId: string;
    setName: string;
    approvedBy: string | null;
  };
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="release-facts">
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Set</dt>
          <dd>
            <Link className="hover:underline" href={curationPath(slug, `/sets/${rel.setId}`)}>
              {rel.setName}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Approved by</dt>
          <dd>
            {rel.approvedBy ?? "—"}, <DateTime value={rel.createdAt} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Token rule</dt>
          <dd>
            at most {rel.tokenRule.maxTokensPerSample?.toLocaleString("en")} tokens ({rel.tokenRule.counter}:{" "}
            {rel.tokenRule.formula})
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">Checks at lock time</dt>
          <dd>
            {rel.validation.findings?.length ?? 0} findings, {rel.validation.waivers?.length ?? 0} waived
          </dd>
        </div>
        {rel.override && (
          <div className="sm:col-span-2">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">Override</dt>
            <dd>
              <Badge tone="amber">override</Badge> {rel.override.reason}
              {rel.override.unmet?.length ? ` (not met: ${rel.override.unmet.join("; ")})` : ""}
            </dd>
          </div>
        )}
        {rel.notes && (
          <div className="sm:col-span-2">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">Notes</dt>
            <dd className="whitespace-pre-wrap">{rel.notes}</dd>
          </div>
        )}
      </dl>
      <table className="w-full text-left text-sm" data-testid="release-items">
        <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th className="py-2 pr-3">#</th>
            <th className="py-2 pr-3">Trajectory</th>
            <th className="py-2 pr-3">Domain</th>
            <th className="py-2 pr-3">Pinned revision</th>
            <th className="py-2">Head now</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {r.data.items.map((i) => (
            <tr key={i.trajectoryId}>
              <td className="py-2 pr-3">{i.position + 1}</td>
              <td className="py-2 pr-3">
                <Link
                  className="hover:underline"
                  href={`${trajectoryPath(slug, i.trajectoryId)}?revision=${i.revisionNumber}`}
                >
                  {i.title}
                </Link>
              </td>
              <td className="py-2 pr-3">{i.domain ?? "—"}</td>
              <td className="py-2 pr-3">{i.revisionNumber}</td>
              <td className="py-2">
                {i.headNumber}
                {i.headNumber !== i.revisionNumber && " (edited since)"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
