/**
 * Tool calls and their results matched by call id over the whole list (filters do not change the
 * pairing): each half points at the other, with its number (#N, the same numbering as everywhere).
 */
export interface PairableRow {
  key: string;
  kind: string;
  callId: string | null;
  ordinal: number;
  entry: { toolName: string | null } | null;
}

export interface PairEnd {
  key: string;
  ordinal: number;
  role: "call" | "result";
  toolName: string | null;
}

export function stepPairs(rows: readonly PairableRow[]): Map<string, PairEnd> {
  const calls = new Map<string, PairableRow>();
  const results = new Map<string, PairableRow>();
  for (const r of rows) {
    if (!r.callId) continue;
    if (r.kind === "tool_call" && !calls.has(r.callId)) calls.set(r.callId, r);
    else if (r.kind === "tool_result" && !results.has(r.callId)) results.set(r.callId, r);
  }
  const out = new Map<string, PairEnd>();
  for (const [id, call] of calls) {
    const result = results.get(id);
    if (!result) continue;
    const toolName = call.entry?.toolName ?? null;
    out.set(call.key, { key: result.key, ordinal: result.ordinal, role: "result", toolName });
    out.set(result.key, { key: call.key, ordinal: call.ordinal, role: "call", toolName });
  }
  return out;
}
