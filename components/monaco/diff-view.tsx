"use client";
/** Monaco's diff editor, read-only, for comparing two versions of a step or a query with its PR diff. */
import { DiffEditor } from "@monaco-editor/react";
import { Spinner } from "@/components/ui/states";
import { useDarkMode } from "@/components/ui/use-dark-mode";
import { MonacoGate } from "@/components/monaco/monaco-gate";
import { MONACO_THEMES } from "@/components/monaco/monaco-themes";

export interface DiffViewProps {
  original: string;
  modified: string;
  language: string;
  height?: number | string;
  sideBySide?: boolean;
  testId?: string;
}

export function DiffView({
  original,
  modified,
  language,
  height = 320,
  sideBySide = true,
  testId = "diff-view",
}: DiffViewProps) {
  const dark = useDarkMode();
  return (
    <MonacoGate height={height} label="Loading diff">
      <div data-testid={testId} className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
        <DiffEditor
          height={height}
          original={original}
          modified={modified}
          language={language}
          theme={dark ? MONACO_THEMES.dark : MONACO_THEMES.light}
          loading={<Spinner label="Loading diff" />}
          options={{
            readOnly: true,
            renderSideBySide: sideBySide,
            minimap: { enabled: false },
            wordWrap: "on",
            scrollBeyondLastLine: false,
            fontSize: 13,
            automaticLayout: true,
            links: false,
            originalEditable: false,
          }}
        />
      </div>
    </MonacoGate>
  );
}
