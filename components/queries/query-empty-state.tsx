import { EmptyState } from "@/components/ui/states";
import { LinkButton } from "@/components/ui/link-button";
import { NoMatches } from "@/components/ui/no-matches";

/** No queries at all: the ways in. With filters set: how to get back to everything. */
export function QueryEmptyState({
  slug,
  filtered,
  canWrite,
  canDecide,
  onClearFilters,
}: {
  slug: string;
  filtered: boolean;
  canWrite: boolean;
  canDecide: boolean;
  onClearFilters: () => void;
}) {
  if (filtered) return <NoMatches what="queries" onClearFilters={onClearFilters} />;
  return (
    <EmptyState
      title="No queries yet"
      action={
        <div className="flex flex-wrap justify-center gap-2">
          {canWrite && (
            <LinkButton href={`/projects/${slug}/queries/new`} data-testid="empty-new-query">
              Write a query
            </LinkButton>
          )}
          {canDecide && (
            <LinkButton variant="secondary" href={`/projects/${slug}/queries/prs`}>
              Import pull requests
            </LinkButton>
          )}
        </div>
      }
    >
      <p>
        Queries are the tasks trajectories are collected for: written by people, imported as JSONL, or synthesised from
        pull requests. From a terminal:
      </p>
      <code className="mt-2 inline-block rounded bg-zinc-100 px-2 py-1 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
        npx limi queries import queries.jsonl --project {slug}
      </code>
    </EmptyState>
  );
}
