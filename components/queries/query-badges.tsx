import { Badge } from "@/components/ui/states";
import { SOURCE_LABELS, STATUS_LABELS, type QuerySource, type QueryStatus } from "@/lib/queries/query-fields";

const STATUS_TONES = { candidate: "amber", accepted: "green", rejected: "red" } as const;

export function QueryStatusBadge({ status }: { status: QueryStatus }) {
  return (
    <span data-testid="query-status" data-status={status}>
      <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function QuerySourceBadge({ source }: { source: QuerySource }) {
  return <Badge tone={source === "pr_synthesized" ? "indigo" : "zinc"}>{SOURCE_LABELS[source]}</Badge>;
}
