"use client";
/**
 * Query text rendered as markdown, with the app's one policy for untrusted text
 * (lib/markdown/render-markdown: synthesised queries are model output). DOMPurify needs a DOM,
 * which the server render has not got, so the server sends the plain text and the browser swaps in
 * the sanitised HTML; unsanitised HTML is never inserted.
 */
import DOMPurify from "dompurify";
import { useDeferredValue, useMemo, useSyncExternalStore } from "react";
import { createMarkdownRenderer, type MarkdownRenderer } from "@/lib/markdown/render-markdown";

const subscribe = () => () => undefined;
const useInBrowser = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );

// Tailwind's preflight resets headings and lists; the rendered markdown gets its look back here.
const TYPOGRAPHY = [
  "[&_h1]:mb-2 [&_h1]:mt-3 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:mb-2 [&_h2]:mt-3 [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-2 [&_h3]:font-semibold",
  "[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-5",
  "[&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] dark:[&_code]:bg-zinc-800",
  "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-2 dark:[&_pre]:bg-zinc-800 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_a]:text-indigo-700 [&_a]:underline dark:[&_a]:text-indigo-300 [&_blockquote]:border-l-2 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-3 [&_blockquote]:text-zinc-600",
  "[&_table]:my-2 [&_td]:border [&_td]:border-zinc-200 [&_td]:px-2 [&_th]:border [&_th]:border-zinc-200 [&_th]:px-2 [&_.md-image]:text-zinc-500",
].join(" ");

// People type queries in a form, so a single line break is kept.
let renderer: MarkdownRenderer | null = null;
const markdown = () => (renderer ??= createMarkdownRenderer(DOMPurify, { breaks: true }));

export function MarkdownView({
  text,
  className = "",
  testId = "markdown-view",
}: {
  text: string;
  className?: string;
  testId?: string;
}) {
  const inBrowser = useInBrowser();
  // Typing in a long query stays responsive: the preview catches up when the browser is idle.
  const deferred = useDeferredValue(text);
  const html = useMemo(() => (inBrowser ? markdown().render(deferred) : null), [inBrowser, deferred]);
  const style = `${TYPOGRAPHY} break-words text-sm leading-relaxed ${className}`;
  if (html === null) {
    return (
      <div className={`${style} whitespace-pre-wrap`} data-testid={testId}>
        {text}
      </div>
    );
  }
  return <div className={style} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
