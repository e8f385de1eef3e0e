"use client";
/** The disagreement list: verdicts that differ or agreement below the threshold, for a lead to adjudicate. */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { reviewApi, reviewUrl, type DisagreementsResponse } from "@/components/review/review-api";

export function DisagreementsTab({ slug, threshold }: { slug: string; threshold: number }) {
  const q = useQuery({
    queryKey: ["review", slug, "disagreements"],
    queryFn: () => apiFetch<DisagreementsResponse>(reviewApi(slug).disagreements),
  });
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Spinner label="Loading disagreements" />;
  if (!q.data.items.length)
    return (
      <EmptyState title="No disagreements">
        Trajectories whose reviewers disagree, or agree below {Math.round(threshold * 100)}%, wait here for a lead.
      </EmptyState>
    );
  return (
    <table className="w-full text-sm" data-testid="disagreements">
      <thead className="text-left text-xs text-zinc-500 uppercase">
        <tr>
          <th className="py-1">Trajectory</th>
          <th>Revision</th>
          <th>Verdicts</th>
          <th>Agreement</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {q.data.items.map((i) => (
          <tr
            key={i.trajectoryId}
            className="border-t border-zinc-200 dark:border-zinc-800"
            data-testid="disagreement-row"
          >
            <td className="max-w-md truncate py-1.5">{i.title}</td>
            <td>{i.revisionNumber}</td>
            <td>{i.verdicts.map((v) => v.replace("_", " ")).join(" · ")}</td>
            <td>{i.agreement === null ? "—" : `${Math.round(i.agreement * 100)}%`}</td>
            <td>
              <Link className="text-indigo-600 hover:underline" href={reviewUrl(slug, i.trajectoryId)}>
                Adjudicate
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
