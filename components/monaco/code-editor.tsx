"use client";
/**
 * The app's one code editor: Monaco from the bundle (components/monaco/load-monaco), themed with the
 * page. Mount it where it is needed, one at a time; it is never rendered per list row.
 */
import Editor, { type OnMount } from "@monaco-editor/react";
import { Spinner } from "@/components/ui/states";
import { useDarkMode } from "@/components/ui/use-dark-mode";
import { MonacoGate } from "@/components/monaco/monaco-gate";
import { MONACO_THEMES } from "@/components/monaco/monaco-themes";

export interface CodeEditorProps {
  value: string;
  language: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  height?: number | string;
  /** A model URI path, so that several open documents keep their own undo history. */
  path?: string;
  onMount?: OnMount;
  ariaLabel?: string;
  testId?: string;
}

export function CodeEditor({
  value,
  language,
  onChange,
  readOnly = false,
  height = 320,
  path,
  onMount,
  ariaLabel,
  testId = "code-editor",
}: CodeEditorProps) {
  const dark = useDarkMode();
  return (
    <MonacoGate height={height} label="Loading editor">
      <div
        data-testid={testId}
        data-language={language}
        className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <Editor
          height={height}
          value={value}
          language={language}
          path={path}
          theme={dark ? MONACO_THEMES.dark : MONACO_THEMES.light}
          onChange={(v) => onChange?.(v ?? "")}
          onMount={onMount}
          loading={<Spinner label="Loading editor" />}
          options={{
            readOnly,
            domReadOnly: readOnly,
            minimap: { enabled: false },
            wordWrap: "on",
            scrollBeyondLastLine: false,
            fontSize: 13,
            automaticLayout: true,
            ariaLabel,
            // Agent output is hostile: links in it are shown, never opened by a click.
            links: false,
          }}
        />
      </div>
    </MonacoGate>
  );
}
