/**
 * What the viewer receives from the trajectory API, typed for the browser. The step index is small
 * (no bodies); bodies are the canonical steps of lib/trajectory/types, fetched on demand.
 */
import type { CanonicalStep, ParsedStep, StepKind, ToolDefinition } from "@/lib/trajectory/types";

export type { CanonicalStep, ParsedStep, StepKind, ToolDefinition };

export interface StepIndexEntry {
  /** The step row id: bodies are fetched by it. */
  id: string;
  /** Stable across edits; deep links and annotations use it. */
  key: string;
  version: number;
  kind: StepKind;
  seq: number;
  timestamp: string | null;
  tokens: number;
  toolName: string | null;
  callId: string | null;
  isError: boolean;
  truncated: boolean;
  hidden: boolean;
  orphan: boolean;
  sidechain: boolean;
  /** The first 280 characters of the step's text. */
  preview: string;
  bodyBytes: number;
}

export interface StepIndexResponse {
  revision: number;
  steps: StepIndexEntry[];
}

export interface TrajectoryDetail {
  id: string;
  title: string;
  status: string;
  domain: string | null;
  format: string;
  agent: string | null;
  model: string | null;
  cwd: string | null;
  sessionId: string | null;
  startedAt: string | null;
  endedAt: string | null;
  queryId: string | null;
  headNumber: number;
  stepCount: number;
  tokensTotal: number;
  tokensSystem: number;
  tokensHuman: number;
  tokensAssistant: number;
  tokensReasoning: number;
  tokensToolCall: number;
  tokensToolOutput: number;
  templateOverhead: number;
  toolDefinitionTokens: number;
  toolCallCount: number;
  failedToolCallCount: number;
  humanTurnCount: number;
  reasoningStepCount: number;
  tokenizer: string;
  hasSource: boolean;
  createdAt: string;
}

export interface TrajectoryDetailResponse {
  trajectory: TrajectoryDetail;
  tools: ToolDefinition[];
}

export interface BodiesResponse {
  bodies: Record<string, ParsedStep>;
}

export interface CanonicalResponse {
  revision: number;
  tools: ToolDefinition[];
  steps: CanonicalStep[];
}
