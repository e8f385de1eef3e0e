"use client";
/**
 * Marks search matches in the rendered steps with the CSS Custom Highlight API: ranges over the
 * existing text nodes, so nothing in the (sanitized) DOM is rewritten. The current match gets its
 * own highlight. Rendered markdown differs from its source, so matching runs on the DOM's text.
 */
import { useEffect, type RefObject } from "react";

const ALL = "viewer-search";
const CURRENT = "viewer-search-current";

function rangesIn(root: Element, re: RegExp): Range[] {
  const out: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue ?? "";
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + m[0].length);
      out.push(r);
      if (out.length > 2000) return out;
    }
  }
  re.lastIndex = 0;
  return out;
}

export function useSearchHighlight(
  scrollRef: RefObject<HTMLDivElement | null>,
  re: RegExp | null,
  current: { key: string; occurrence: number } | null,
  tick: unknown,
): void {
  useEffect(() => {
    if (typeof CSS === "undefined" || !("highlights" in CSS)) return;
    const frame = requestAnimationFrame(() => {
      const root = scrollRef.current;
      if (!root || !re) {
        CSS.highlights.delete(ALL);
        CSS.highlights.delete(CURRENT);
        return;
      }
      const all: Range[] = [];
      let cur: Range | null = null;
      for (const step of root.querySelectorAll<HTMLElement>("[data-testid=step]")) {
        const content = step.querySelector("[data-testid=step-content]");
        if (!content) continue;
        const ranges = rangesIn(content, re);
        all.push(...ranges);
        if (current && step.dataset.stepKey === current.key)
          cur = ranges[Math.min(current.occurrence, ranges.length - 1)] ?? null;
      }
      CSS.highlights.set(ALL, new Highlight(...all));
      if (cur) CSS.highlights.set(CURRENT, new Highlight(cur));
      else CSS.highlights.delete(CURRENT);
    });
    return () => cancelAnimationFrame(frame);
  });
  useEffect(
    () => () => {
      if (typeof CSS !== "undefined" && "highlights" in CSS) {
        CSS.highlights.delete(ALL);
        CSS.highlights.delete(CURRENT);
      }
    },
    [],
  );
  void tick;
}
