import { Badge } from "@/components/ui/states";

export const TRAJECTORY_STATUSES = [
  "imported",
  "in_review",
  "changes_requested",
  "reviewed",
  "approved",
  "rejected",
] as const;

const TONES: Record<string, "zinc" | "indigo" | "red" | "green" | "amber"> = {
  imported: "zinc",
  in_review: "amber",
  changes_requested: "amber",
  reviewed: "indigo",
  approved: "green",
  rejected: "red",
};

export const statusLabel = (s: string) => s.replace(/_/g, " ");

export function TrajectoryStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status] ?? "zinc"}>{statusLabel(status)}</Badge>;
}
