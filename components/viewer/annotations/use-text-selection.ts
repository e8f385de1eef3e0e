"use client";
/**
 * A text selection inside one field of one step, mapped back to offsets in the step's source text
 * (lib/viewer/selection-range), so it can become a range annotation.
 */
import { useEffect, useState, type RefObject } from "react";
import { fieldText } from "@/lib/trajectory/annotation-anchors";
import { locateSelection, occurrences } from "@/lib/viewer/selection-range";
import type { ParsedStep } from "@/lib/viewer/types";
import type { NewAnnotation } from "@/components/viewer/annotations/use-annotation-actions";

export interface PickedRange {
  target: NewAnnotation | null;
  /** Where to show the "annotate" button: under the middle of the selection. */
  x: number;
  y: number;
  /** Set when the selection could not be mapped back to the source. */
  problem: string | null;
}

export function useTextSelection(
  scrollRef: RefObject<HTMLDivElement | null>,
  bodyOf: (key: string) => ParsedStep | undefined,
  enabled: boolean,
): [PickedRange | null, () => void] {
  const [picked, setPicked] = useState<PickedRange | null>(null);
  useEffect(() => {
    const root = scrollRef.current;
    if (!root || !enabled) return;
    const onUp = () => {
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed || sel.rangeCount === 0) return setPicked(null);
      const range = sel.getRangeAt(0);
      const start = range.startContainer.parentElement;
      const fieldEl = start?.closest<HTMLElement>("[data-field]");
      const stepEl = start?.closest<HTMLElement>("[data-step-key]");
      const rect = range.getBoundingClientRect();
      // Below the selection: above it, the pop-up would cover the step's header and its buttons.
      const at = { x: rect.left + rect.width / 2, y: rect.bottom };
      if (!fieldEl || !stepEl || !root.contains(stepEl)) return setPicked(null);
      if (!fieldEl.contains(range.endContainer))
        return setPicked({ target: null, ...at, problem: "select text within one field of one step" });
      const key = stepEl.dataset.stepKey!;
      const field = fieldEl.dataset.field as "text" | "output" | "arguments";
      const body = bodyOf(key);
      const source = body ? fieldText(body, field) : null;
      const selected = sel.toString();
      if (!source) return setPicked({ target: null, ...at, problem: "this step is not loaded yet" });
      const before = document.createRange();
      before.setStart(fieldEl, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const loc = locateSelection(source, selected, occurrences(before.toString(), selected.trim()).length);
      if (!loc)
        return setPicked({
          target: null,
          ...at,
          problem: "this selection is not in the step's text as stored; annotate the whole step instead",
        });
      setPicked({
        target: { stepKey: key, field, start: loc.start, end: loc.end, quote: source.slice(loc.start, loc.end) },
        ...at,
        problem: null,
      });
    };
    root.addEventListener("mouseup", onUp);
    return () => root.removeEventListener("mouseup", onUp);
  }, [scrollRef, bodyOf, enabled]);
  return [picked, () => setPicked(null)];
}
