import { EmptyState } from "@/components/ui/states";

export function Forbidden({ what }: { what: string }) {
  return (
    <div data-testid="forbidden">
      <EmptyState title="Not available to your role">
        Your role in this project does not include {what}. A project admin can change roles in Settings.
      </EmptyState>
    </div>
  );
}
