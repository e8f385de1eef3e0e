/** One row of the step list: a saved step (its index entry) as the draft leaves it, or a step the draft inserts. */
import { draftRows, type Draft } from "@/lib/viewer/draft";
import type { ParsedStep, StepIndexEntry, StepKind } from "@/lib/viewer/types";

export interface ViewRow {
  key: string;
  entry: StepIndexEntry | null;
  draftBody: ParsedStep | null;
  status: "same" | "updated" | "inserted" | "deleted";
  moved: boolean;
  kind: StepKind;
  tokens: number;
  isError: boolean;
  callId: string | null;
  /** 1-based number in the whole (unfiltered) list. */
  ordinal: number;
}

export function viewRows(entries: readonly StepIndexEntry[], draft: Draft): ViewRow[] {
  return draftRows(entries, draft).map((r, i) => {
    const b = r.body;
    return {
      key: r.key,
      entry: r.entry,
      draftBody: b,
      status: r.status,
      moved: r.moved,
      kind: b?.kind ?? r.entry!.kind,
      // Edited steps keep their old count until the save recounts them.
      tokens: r.entry?.tokens ?? 0,
      isError: b ? b.kind === "tool_result" && b.isError : r.entry!.isError,
      callId: b ? ("callId" in b ? b.callId : null) : r.entry!.callId,
      ordinal: i + 1,
    };
  });
}
