import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";

/** A filtered list that came back empty: say so, and offer the way back to everything. */
export function NoMatches({ what, onClearFilters }: { what: string; onClearFilters: () => void }) {
  return (
    <EmptyState
      title={`No ${what} match these filters`}
      action={
        <Button variant="secondary" onClick={onClearFilters}>
          Clear filters
        </Button>
      }
    >
      Loosen or clear the filters to see more.
    </EmptyState>
  );
}
