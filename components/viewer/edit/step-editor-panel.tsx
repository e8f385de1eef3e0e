"use client";
/** The one editor: Monaco on the focused step's editable field, mounted only while a step is being edited. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "@/components/monaco/code-editor";
import { detectLanguage } from "@/lib/viewer/detect-language";
import { hasConflictMarkers } from "@/lib/viewer/merge-text";
import { editableField, editableText } from "@/lib/viewer/step-text";
import type { ParsedStep } from "@/lib/viewer/types";
import { KIND_LABEL } from "@/components/viewer/steps/kind-style";

function languageFor(step: ParsedStep, text: string): string {
  if (step.kind === "tool_call") return "json";
  if (step.kind === "assistant") return "markdown";
  return detectLanguage(text);
}

export function StepEditorPanel({
  stepKey,
  ordinal,
  step,
  onApply,
  onClose,
}: {
  stepKey: string;
  ordinal: number;
  step: ParsedStep;
  onApply: (text: string) => void;
  onClose: () => void;
}) {
  const initial = editableText(step);
  const [text, setText] = useState(initial);
  const field = editableField(step.kind);
  return (
    <section data-testid="step-editor" data-step-key={stepKey} className="flex h-full flex-col gap-2 p-3">
      <header className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">
          Edit step #{ordinal} · {KIND_LABEL[step.kind]} · {field === "arguments" ? "arguments (JSON)" : field}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close the editor"
          className="text-zinc-500 hover:text-zinc-800"
        >
          ✕
        </button>
      </header>
      {hasConflictMarkers(text) && (
        <p
          className="rounded bg-amber-100 p-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          data-testid="editor-conflict-note"
        >
          This text holds both your lines and theirs between conflict markers. Keep what should stay and remove the
          markers.
        </p>
      )}
      <div>
        <CodeEditor
          value={initial}
          uncontrolled
          autoFocus
          onChange={setText}
          language={languageFor(step, initial)}
          height="max(240px, calc(100vh - 26rem))"
          path={`step-${stepKey}`}
          ariaLabel={`Edit step ${ordinal}`}
          testId="step-editor-monaco"
        />
      </div>
      <div className="flex gap-2">
        <Button data-testid="editor-apply" onClick={() => onApply(text)} disabled={text === initial}>
          Apply to draft
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
      <p className="text-xs text-zinc-500">
        Applied edits are kept in a draft until you save them as a revision with a reason.
      </p>
    </section>
  );
}
