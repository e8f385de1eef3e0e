/** What importing one file reports: the same object for the CLI (`--json`), the REST API and the upload page. */
import type { ParsedTrajectory } from "@/lib/trajectory/types";
import type { TokenTotals } from "@/lib/tokens/stats";

export interface ImportFileResult {
  file: string;
  status: "imported" | "duplicate" | "rejected";
  format: string | null;
  /** The first trajectory of the file (most files hold one). */
  trajectoryId: string | null;
  /** Every distinct trajectory of the file, imported or already present, each once. */
  trajectoryIds: string[];
  /**
   * Trajectories of the file not stored again because the same content is stored: a sample
   * repeated inside the file, or one already in the project. The counts below cover each distinct
   * trajectory once.
   */
  duplicates: number;
  steps: number;
  toolCalls: number;
  toolResults: number;
  /** Failed results, flagged by the source or detected from their text. */
  failedToolResults: number;
  /** Of `failedToolResults`, those found by the text heuristic (the source has no error flag). */
  detectedFailedToolResults: number;
  /** Human turns, counted as the stored `humanTurnCount` (consecutive human steps are one turn). */
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
    duplicates: 0,
    steps: 0,
    toolCalls: 0,
    toolResults: 0,
    failedToolResults: 0,
    detectedFailedToolResults: 0,
    humanMessages: 0,
    reasoningSteps: 0,
    tokens: 0,
    warnings: [],
    error: null,
    waited: null,
  };
}

const MAX_WARNINGS = 50;

/** Adds one trajectory's counts (its statistics, as stored) to the file's result. */
export function addCounts(r: ImportFileResult, t: ParsedTrajectory, totals: TokenTotals): void {
  r.format = t.format;
  r.steps += t.steps.length;
  r.tokens += totals.tokensTotal;
  r.toolCalls += totals.toolCallCount;
  r.failedToolResults += totals.failedToolCallCount;
  r.detectedFailedToolResults += totals.detectedFailedToolCallCount;
  r.humanMessages += totals.humanTurnCount;
  r.reasoningSteps += totals.reasoningStepCount;
  for (const s of t.steps) if (s.kind === "tool_result") r.toolResults++;
  addWarnings(r, t.warnings);
}

export function addWarnings(r: ImportFileResult, warnings: readonly string[]): void {
  for (const w of warnings) if (r.warnings.length < MAX_WARNINGS && !r.warnings.includes(w)) r.warnings.push(w);
}

/**
 * Records one stored trajectory of the file: counted once however often the file repeats it.
 * Returns false for a repeat (already counted in this file).
 */
export function recordTrajectory(
  r: ImportFileResult,
  stored: { trajectoryId: string; status: "imported" | "duplicate" },
  t: ParsedTrajectory,
  totals: TokenTotals,
): boolean {
  if (stored.status === "duplicate") r.duplicates++;
  if (r.trajectoryIds.includes(stored.trajectoryId)) return false;
  r.trajectoryIds.push(stored.trajectoryId);
  addCounts(r, t, totals);
  return true;
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
