/**
 * The text outline: the steps worth finding in a long transcript as labelled entries (human turns,
 * tool calls by tool, errors, annotated steps), in list order. Pure, so 6,811 rows cost one pass.
 */
export interface OutlineRow {
  key: string;
  kind: string;
  ordinal: number;
  isError: boolean;
  status: string;
  callId: string | null;
  entry: { toolName: string | null; preview: string } | null;
}

export interface OutlineEntry {
  /** Position in the visible list (what jumping takes). */
  pos: number;
  key: string;
  ordinal: number;
  type: "human" | "tool" | "error" | "annotation";
  label: string;
  /** Open annotations on the step (any entry type may carry them). */
  notes: number;
}

const oneLine = (s: string, max = 80) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function outlineEntries(
  rows: readonly OutlineRow[],
  notesByKey: ReadonlyMap<string, number>,
  labelsByKey: ReadonlyMap<string, string>,
): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  // Results often do not name their tool: they take their call's name (calls come first).
  const toolOfCall = new Map<string, string>();
  rows.forEach((r, pos) => {
    const notes = notesByKey.get(r.key) ?? 0;
    let tool = r.entry?.toolName ?? null;
    if (r.callId) {
      if (r.kind === "tool_call" && tool) toolOfCall.set(r.callId, tool);
      else tool ??= toolOfCall.get(r.callId) ?? null;
    }
    const base = { pos, key: r.key, ordinal: r.ordinal, notes };
    if (r.isError || r.kind === "error")
      out.push({ ...base, type: "error", label: tool ? `${tool} failed` : oneLine(r.entry?.preview ?? "error", 60) });
    else if (r.kind === "human") out.push({ ...base, type: "human", label: oneLine(r.entry?.preview ?? "Human turn") });
    else if (r.kind === "tool_call") out.push({ ...base, type: "tool", label: tool ?? "tool call" });
    else if (notes > 0) out.push({ ...base, type: "annotation", label: labelsByKey.get(r.key) ?? "note" });
  });
  return out;
}
