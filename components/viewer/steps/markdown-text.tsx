"use client";
/**
 * Assistant markdown, sanitized (lib/markdown/render-markdown): the only HTML the viewer renders
 * from agent output. Text holding merge conflict markers (a re-applied draft, lib/viewer/merge-text)
 * is cut at the marker lines, which show as markers: markdown would read "=======" under a line as
 * a heading and "<<<<<<<" as quotes.
 */
import DOMPurify from "dompurify";
import { memo, useMemo } from "react";
import { createMarkdownRenderer, type MarkdownRenderer } from "@/lib/markdown/render-markdown";
import { CONFLICT_END, CONFLICT_MID, CONFLICT_START, hasConflictMarkers } from "@/lib/viewer/merge-text";

let renderer: MarkdownRenderer | null = null;
const markdown = () => (renderer ??= createMarkdownRenderer(DOMPurify));

const MARKERS: Record<string, string> = {
  [CONFLICT_START]: "their lines",
  [CONFLICT_MID]: "your lines",
  [CONFLICT_END]: "end of the conflict",
};

type Part = { marker: string } | { md: string };

function splitAtMarkers(text: string): Part[] {
  const parts: Part[] = [];
  let chunk: string[] = [];
  for (const line of text.split("\n")) {
    if (line in MARKERS) {
      if (chunk.length) parts.push({ md: chunk.join("\n") });
      chunk = [];
      parts.push({ marker: line });
    } else chunk.push(line);
  }
  if (chunk.length) parts.push({ md: chunk.join("\n") });
  return parts;
}

export const MarkdownText = memo(function MarkdownText({ text, field }: { text: string; field?: string }) {
  const parts = useMemo(
    () =>
      hasConflictMarkers(text)
        ? splitAtMarkers(text).map((p) => ("md" in p ? { html: markdown().render(p.md) } : p))
        : [{ html: markdown().render(text) }],
    [text],
  );
  if (parts.length === 1 && "html" in parts[0])
    return (
      <div
        className="md-body text-sm leading-relaxed"
        data-field={field}
        dangerouslySetInnerHTML={{ __html: parts[0].html }}
      />
    );
  return (
    <div className="md-body text-sm leading-relaxed" data-field={field}>
      {parts.map((p, i) =>
        "html" in p ? (
          <div key={i} dangerouslySetInnerHTML={{ __html: p.html }} />
        ) : (
          <div
            key={i}
            data-testid="conflict-marker"
            className="my-1 flex items-center gap-2 font-mono text-xs text-amber-800 dark:text-amber-300"
          >
            <span className="rounded bg-amber-100 px-1 dark:bg-amber-950">{p.marker}</span>
            <span className="font-sans">{MARKERS[p.marker]}</span>
            <span aria-hidden className="h-px flex-1 bg-amber-400" />
          </div>
        ),
      )}
    </div>
  );
});
