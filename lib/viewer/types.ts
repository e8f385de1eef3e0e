/**
 * What the viewer receives from the trajectory API, typed for the browser. The step index is small
 * (no bodies); bodies are the canonical steps of lib/trajectory/types, fetched on demand.
 */
import type { CanonicalStep, ParsedStep, StepKind, ToolDefinition } from "@/lib/trajectory/types";
// Types only: nothing of the server module reaches the browser bundle.
import type { getStepIndex, getTrajectoryDetail } from "@/lib/trajectory/trajectory-detail";
import type { JsonOf } from "@/lib/http/json-of";

export type { CanonicalStep, ParsedStep, StepKind, ToolDefinition };

export type TrajectoryDetailResponse = JsonOf<Awaited<ReturnType<typeof getTrajectoryDetail>>>;
export type TrajectoryDetail = TrajectoryDetailResponse["trajectory"];
type StepIndexJson = JsonOf<Awaited<ReturnType<typeof getStepIndex>>>;
/** `kind` is a text column; only the canonical step kinds are ever written to it. */
export type StepIndexEntry = Omit<StepIndexJson["steps"][number], "kind"> & { kind: StepKind };
export type StepIndexResponse = { revision: number; steps: StepIndexEntry[] };

export interface BodiesResponse {
  bodies: Record<string, ParsedStep>;
}

export interface CanonicalResponse {
  revision: number;
  tools: ToolDefinition[];
  steps: CanonicalStep[];
}
