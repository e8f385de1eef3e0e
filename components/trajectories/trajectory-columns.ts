/** The trajectory list's columns: every one sorts (the API's sort keys are the column keys). */
import type { TRAJECTORY_SORTS } from "@/lib/trajectory/list-query";

export interface Column {
  key: (typeof TRAJECTORY_SORTS)[number];
  label: string;
  numeric?: boolean;
  /** Shown on hover over the header. */
  hint?: string;
}

export const COLUMNS: Column[] = [
  { key: "title", label: "Title" },
  { key: "status", label: "Status" },
  { key: "domain", label: "Domain" },
  { key: "format", label: "Format", hint: "The transcript format it was imported from" },
  { key: "agent", label: "Agent", hint: "The agent that recorded it" },
  { key: "stepCount", label: "Steps", numeric: true },
  { key: "tokensTotal", label: "Tokens", numeric: true },
  { key: "toolCallCount", label: "Tool calls", numeric: true },
  { key: "failedToolCallCount", label: "Failed", numeric: true, hint: "Tool calls that failed" },
  { key: "humanTurnCount", label: "Human turns", numeric: true },
  { key: "createdAt", label: "Added" },
];
