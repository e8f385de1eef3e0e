/**
 * The index row of a live step: what watchers receive over the socket (through a NOTIFY, so under
 * its 8,000-byte limit: a 280-character preview, never the body) and what the session view lists.
 * Bodies are fetched on demand, as the viewer does for stored trajectories.
 */
import type { ParsedStep } from "@/lib/trajectory/types";
import { stepText } from "@/lib/tokens/step-text";

export const LIVE_PREVIEW_CHARS = 280;

export interface LiveStepRow {
  id: string;
  sessionId: string;
  position: number;
  seq: number | null;
  kind: string;
  preview: string;
  tokens: number;
  toolName: string | null;
  isError: boolean;
  authorName: string | null;
  createdAt: string;
}

export function stepColumns(step: ParsedStep) {
  return {
    kind: step.kind,
    preview: stepText(step).replace(/\s+/g, " ").trim().slice(0, LIVE_PREVIEW_CHARS),
    toolName: step.kind === "tool_call" ? step.name : step.kind === "tool_result" ? (step.name ?? null) : null,
    isError: step.kind === "tool_result" ? step.isError : step.kind === "error",
  };
}

export const LIVE_ROW_COLUMNS = `"id","sessionId","position","seq","kind","preview","tokens","toolName","isError","authorName","createdAt"`;

export function toRow(r: Omit<LiveStepRow, "createdAt"> & { createdAt: Date | string }): LiveStepRow {
  return {
    id: r.id,
    sessionId: r.sessionId,
    position: r.position,
    seq: r.seq,
    kind: r.kind,
    preview: r.preview,
    tokens: r.tokens,
    toolName: r.toolName,
    isError: r.isError,
    authorName: r.authorName,
    createdAt: r.createdAt instanceof Date ? r.createdAt.toISOString() : r.createdAt,
  };
}
