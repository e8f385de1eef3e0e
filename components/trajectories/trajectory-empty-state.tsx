import { EmptyState } from "@/components/ui/states";
import { LinkButton } from "@/components/ui/link-button";
import { NoMatches } from "@/components/ui/no-matches";

/** No trajectories at all: where they come from. With filters set: how to get back to everything. */
export function TrajectoryEmptyState({
  slug,
  filtered,
  canImport,
  onClearFilters,
}: {
  slug: string;
  filtered: boolean;
  canImport: boolean;
  onClearFilters: () => void;
}) {
  if (filtered) return <NoMatches what="trajectories" onClearFilters={onClearFilters} />;
  return (
    <EmptyState
      title="No trajectories yet"
      action={
        canImport ? (
          <LinkButton href={`/projects/${slug}/trajectories/import`} data-testid="empty-import-link">
            Import trajectories
          </LinkButton>
        ) : undefined
      }
    >
      <p>
        {canImport
          ? "Upload transcript files or whole folders of past agent sessions, or import them from a terminal:"
          : "Trajectories appear here once someone imports transcript files, for example from a terminal:"}
      </p>
      <code
        className="mt-2 inline-block rounded bg-zinc-100 px-2 py-1 font-mono text-xs text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
        data-testid="empty-cli-hint"
      >
        npx limi import &lt;files&gt; --project {slug}
      </code>
    </EmptyState>
  );
}
