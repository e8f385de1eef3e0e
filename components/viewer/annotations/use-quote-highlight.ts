"use client";
/**
 * Marks each open annotation's quoted text inside its step with the CSS Custom Highlight API, like
 * search hits (components/viewer/search/use-search-highlight.ts): ranges over the rendered text
 * nodes, nothing in the sanitized DOM rewritten. Rendered markdown differs from its source, so the
 * quote is looked up in the field's rendered text; a quote that no longer appears is not marked.
 */
import { useEffect, type RefObject } from "react";

const NAME = "viewer-annotation";

export interface QuoteMark {
  stepKey: string;
  field: string | null;
  quote: string;
}

/** A range over the text nodes of `root` covering the first occurrence of `needle`, or null. */
function rangeOf(root: Element, needle: string): Range | null {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = "";
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(text.length);
    text += n.nodeValue ?? "";
  }
  let at = text.indexOf(needle);
  let len = needle.length;
  if (at < 0) {
    // Markdown may render the quote's first line only as written: mark that much.
    const first = needle.split("\n")[0].trim();
    if (first.length < 3) return null;
    at = text.indexOf(first);
    len = first.length;
  }
  if (at < 0) return null;
  const locate = (offset: number) => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { node: nodes[lo], offset: offset - starts[lo] };
  };
  const a = locate(at);
  const b = locate(at + len - 1);
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset + 1);
  return r;
}

export function useQuoteHighlight(scrollRef: RefObject<HTMLDivElement | null>, marks: readonly QuoteMark[]): void {
  useEffect(() => {
    if (typeof CSS === "undefined" || !("highlights" in CSS)) return;
    const frame = requestAnimationFrame(() => {
      const root = scrollRef.current;
      if (!root || marks.length === 0) return CSS.highlights.delete(NAME);
      const byKey = new Map<string, QuoteMark[]>();
      for (const m of marks) byKey.set(m.stepKey, [...(byKey.get(m.stepKey) ?? []), m]);
      const ranges: Range[] = [];
      for (const step of root.querySelectorAll<HTMLElement>("[data-testid=step]")) {
        const mine = byKey.get(step.dataset.stepKey ?? "");
        if (!mine) continue;
        for (const m of mine) {
          const scope =
            (m.field && step.querySelector(`[data-field="${m.field}"]`)) ||
            step.querySelector("[data-testid=step-content]");
          const r = scope && rangeOf(scope, m.quote.trim());
          if (r) ranges.push(r);
        }
      }
      CSS.highlights.set(NAME, new Highlight(...ranges));
    });
    return () => cancelAnimationFrame(frame);
  });
  useEffect(
    () => () => {
      if (typeof CSS !== "undefined" && "highlights" in CSS) CSS.highlights.delete(NAME);
    },
    [],
  );
}
