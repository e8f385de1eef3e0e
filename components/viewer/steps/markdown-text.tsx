"use client";
/** Assistant markdown, sanitized (lib/markdown/render-markdown): the only HTML the viewer renders from agent output. */
import DOMPurify from "dompurify";
import { memo, useMemo } from "react";
import { createMarkdownRenderer, type MarkdownRenderer } from "@/lib/markdown/render-markdown";

let renderer: MarkdownRenderer | null = null;
const markdown = () => (renderer ??= createMarkdownRenderer(DOMPurify));

export const MarkdownText = memo(function MarkdownText({ text, field }: { text: string; field?: string }) {
  const html = useMemo(() => markdown().render(text), [text]);
  return (
    <div className="md-body text-sm leading-relaxed" data-field={field} dangerouslySetInnerHTML={{ __html: html }} />
  );
});
