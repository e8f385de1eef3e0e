/**
 * Joins tool calls and results by call id and flags the ones without a partner. Orphans are kept
 * (a cut-off session is still worth reviewing), flagged, and reported as warnings.
 */
import type { ParsedStep } from "@/lib/trajectory/types";

export function flagOrphans(steps: ParsedStep[], warnings: string[], covered?: ReadonlySet<string>): void {
  const callIds = new Set<string>();
  const resultIds = new Set<string>();
  for (const s of steps) {
    if (s.kind === "tool_call") callIds.add(s.callId);
    else if (s.kind === "tool_result") resultIds.add(s.callId);
  }
  let calls = 0;
  let results = 0;
  for (const s of steps) {
    if (s.kind === "tool_call") {
      const orphan = !resultIds.has(s.callId) && !covered?.has(s.callId);
      if (orphan) calls++;
      s.orphan = orphan || undefined;
    } else if (s.kind === "tool_result") {
      const orphan = !callIds.has(s.callId);
      if (orphan) results++;
      s.orphan = orphan || undefined;
    }
  }
  if (calls) warnings.push(`${calls} tool call(s) have no result`);
  if (results) warnings.push(`${results} tool result(s) have no matching call`);
}
