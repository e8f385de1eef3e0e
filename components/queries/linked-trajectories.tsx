import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { LinkButton } from "@/components/ui/link-button";
import { TrajectoryStatusBadge } from "@/components/trajectories/trajectory-status-badge";
import type { LinkedTrajectory } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";

const fmt = new Intl.NumberFormat("en");

/** The attempts at this query: each trajectory collected or imported for it. */
export function LinkedTrajectories({
  slug,
  queryId,
  trajectories,
  total,
  canImport,
}: {
  slug: string;
  queryId: string;
  trajectories: LinkedTrajectory[];
  total: number;
  canImport: boolean;
}) {
  const importLink = canImport ? (
    <LinkButton
      variant="secondary"
      href={`/projects/${slug}/trajectories/import?queryId=${queryId}`}
      data-testid="import-for-query"
    >
      Import a trajectory for this query
    </LinkButton>
  ) : undefined;
  return (
    <section aria-labelledby="traj-h" className="space-y-2" data-testid="linked-trajectories">
      <div className="flex items-center justify-between gap-2">
        <h2 id="traj-h" className="text-sm font-semibold">
          Trajectories ({fmt.format(total)})
        </h2>
        {trajectories.length > 0 && importLink}
      </div>
      {trajectories.length === 0 ? (
        <EmptyState title="No trajectories for this query yet" action={importLink}>
          Attempts at this task appear here once a session is recorded or imported for it.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="min-w-full text-sm">
            <tbody>
              {trajectories.map((t) => (
                <tr
                  key={t.id}
                  className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
                  data-testid="linked-trajectory"
                >
                  <td className="max-w-md truncate px-3 py-2">
                    <Link
                      href={`/projects/${slug}/trajectories/${t.id}`}
                      className="font-medium hover:underline"
                      title={t.title}
                    >
                      {t.title}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <TrajectoryStatusBadge status={t.status} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400">
                    {t.agent ?? t.format}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                    {fmt.format(t.tokensTotal)} tokens
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-zinc-500">
                    <DateTime value={t.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > trajectories.length && (
            <p className="px-3 py-2 text-xs text-zinc-500">
              The {trajectories.length} newest of {fmt.format(total)}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
