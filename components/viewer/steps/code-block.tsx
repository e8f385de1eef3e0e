"use client";
/** A block of code-like text (JSON, diffs, shell, Python…): plain text first, Monaco's colours once loaded. */
import { memo, useEffect, useState } from "react";
import { cachedColorized, cancelColorize, colorize, colorizerReady } from "@/components/viewer/steps/colorize";

export const CodeBlock = memo(function CodeBlock({
  text,
  language,
  field,
  colorTick,
}: {
  text: string;
  language: string;
  field?: string;
  colorTick: number;
}) {
  // The colours belong to the text they were made for: when the text changes (an edit applied to
  // the draft), the old colouring must not stay on screen in place of the new text.
  const [colored, setColored] = useState<{ text: string; language: string; html: string } | null>(() => {
    const h = cachedColorized(text, language);
    return h ? { text, language, html: h } : null;
  });
  const html =
    colored && colored.text === text && colored.language === language
      ? colored.html
      : (cachedColorized(text, language) ?? null);
  useEffect(() => {
    if (language === "plaintext" || !colorizerReady()) return;
    let live = true;
    void colorize(text, language).then((h) => {
      if (live && h !== null) setColored({ text, language, html: h });
    });
    return () => {
      live = false;
      cancelColorize(text, language);
    };
  }, [text, language, colorTick]);
  const cls =
    "overflow-x-auto whitespace-pre-wrap break-words rounded bg-zinc-50 p-2 font-mono text-xs leading-5 dark:bg-zinc-950";
  if (html)
    return (
      <pre className={cls} data-field={field} data-language={language} dangerouslySetInnerHTML={{ __html: html }} />
    );
  return (
    <pre className={cls} data-field={field} data-language={language}>
      {text}
    </pre>
  );
});
