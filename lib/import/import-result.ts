/** What importing one file reports: the same object for the CLI (`--json`), the REST API and the upload page. */
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export interface ImportFileResult {
  file: string;
  status: "imported" | "duplicate" | "rejected";
  format: string | null;
  /** The first trajectory of the file (most files hold one). */
  trajectoryId: string | null;
  /** Every trajectory of the file, imported or already present. */
  trajectoryIds: string[];
  steps: number;
  toolCalls: number;
  toolResults: number;
  failedToolResults: number;
  humanMessages: number;
  reasoningSteps: number;
  tokens: number;
  warnings: string[];
  error: { message: string; line: number | null } | null;
  /** Set when the file waited for other imports to finish (IMPORT_MAX_RUNNING): its place in line on arrival and the wait. */
  waited: { place: number; waitedMs: number } | null;
}

export function emptyResult(file: string): ImportFileResult {
  return {
    file,
    status: "rejected",
    format: null,
    trajectoryId: null,
    trajectoryIds: [],
    steps: 0,
    toolCalls: 0,
    toolResults: 0,
    failedToolResults: 0,
    humanMessages: 0,
    reasoningSteps: 0,
    tokens: 0,
    warnings: [],
    error: null,
    waited: null,
  };
}

const MAX_WARNINGS = 50;

/** Adds one trajectory's counts to the file's result. */
export function addCounts(r: ImportFileResult, t: ParsedTrajectory, tokens: number): void {
  r.format = t.format;
  r.steps += t.steps.length;
  r.tokens += tokens;
  for (const s of t.steps) {
    if (s.kind === "tool_call") r.toolCalls++;
    else if (s.kind === "tool_result") {
      r.toolResults++;
      if (s.isError) r.failedToolResults++;
    } else if (s.kind === "human") r.humanMessages++;
    else if (s.kind === "reasoning") r.reasoningSteps++;
  }
  for (const w of t.warnings) if (r.warnings.length < MAX_WARNINGS && !r.warnings.includes(w)) r.warnings.push(w);
}

export interface ImportSummary {
  imported: number;
  duplicate: number;
  rejected: number;
}

export function summarize(results: readonly ImportFileResult[]): ImportSummary {
  return {
    imported: results.filter((r) => r.status === "imported").length,
    duplicate: results.filter((r) => r.status === "duplicate").length,
    rejected: results.filter((r) => r.status === "rejected").length,
  };
}
