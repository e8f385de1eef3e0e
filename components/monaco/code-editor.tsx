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
  /**
   * `value` is only the starting text; the editor owns its text and reports it through onChange.
   * A controlled editor is written back with the value of the last render, which can be older
   * than what was typed since, and so drop keystrokes while someone types fast.
   */
  uncontrolled?: boolean;
  /** Moves the focus into the editor once it is mounted and ready for input. */
  autoFocus?: boolean;
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
  uncontrolled = false,
  autoFocus = false,
}: CodeEditorProps) {
  const dark = useDarkMode();
  const mount: OnMount = (editor, monaco) => {
    if (autoFocus) {
      const model = editor.getModel();
      if (model) editor.setPosition(model.getFullModelRange().getEndPosition());
      editor.focus();
    }
    onMount?.(editor, monaco);
  };
  return (
    <MonacoGate height={height} label="Loading editor">
      <div
        data-testid={testId}
        data-language={language}
        className="overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800"
      >
        <Editor
          height={height}
          {...(uncontrolled ? { defaultValue: value } : { value })}
          language={language}
          path={path}
          theme={dark ? MONACO_THEMES.dark : MONACO_THEMES.light}
          onChange={(v) => onChange?.(v ?? "")}
          onMount={mount}
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
