"use client";
/** Per-person progress for leads: reviews today and in all, items assigned, claims held now. */
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { reviewApi, type ProgressResponse } from "@/components/review/review-api";

export function ProgressTable({ slug }: { slug: string }) {
  const q = useQuery({
    queryKey: ["review", slug, "progress"],
    queryFn: () => apiFetch<ProgressResponse>(reviewApi(slug).progress),
  });
  if (!q.data) return null;
  return (
    <section className="text-sm">
      <h2 className="mb-1 font-medium">Progress per person</h2>
      <table className="w-full" data-testid="progress-table">
        <thead className="text-left text-xs text-zinc-500 uppercase">
          <tr>
            <th className="py-1">Person</th>
            <th>Role</th>
            <th>Reviews today</th>
            <th>Reviews in all</th>
            <th>Assigned</th>
            <th>Holding now</th>
          </tr>
        </thead>
        <tbody>
          {q.data.people.map((u) => (
            <tr key={u.userId} className="border-t border-zinc-200 dark:border-zinc-800">
              <td className="py-1">{u.name}</td>
              <td>{u.role}</td>
              <td className="tabular-nums">{u.reviewsToday}</td>
              <td className="tabular-nums">{u.reviewsTotal}</td>
              <td className="tabular-nums">{u.assigned}</td>
              <td className="tabular-nums">{u.claimed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
