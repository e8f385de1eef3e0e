import { Badge } from "@/components/ui/states";
import { RUN_STATUS_LABELS, type RunStatus } from "@/components/queries/synthesis/run-progress";

const TONES = { queued: "zinc", running: "indigo", done: "green", failed: "red", cancelled: "amber" } as const;

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span data-testid="run-status" data-status={status}>
      <Badge tone={TONES[status]}>{RUN_STATUS_LABELS[status]}</Badge>
    </span>
  );
}
