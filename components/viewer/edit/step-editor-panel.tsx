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
  onApply: (text: string, isError: boolean | null) => void;
  onClose: () => void;
}) {
  const initial = editableText(step);
  const [text, setText] = useState(initial);
  const initialError = step.kind === "tool_result" ? step.isError : null;
  const [isError, setIsError] = useState(initialError);
  const source = step.kind === "tool_result" ? (step.errorSource ?? "source") : null;
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
      {isError !== null && (
        <div className="space-y-0.5 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              data-testid="editor-error-flag"
              checked={isError}
              onChange={(e) => setIsError(e.target.checked)}
            />
            This result failed (error flag)
          </label>
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="editor-error-source">
            {initialError
              ? source === "detected"
                ? "Flagged by the failure detector (the source had no flag). Clear it if the tool in fact succeeded."
                : source === "flagged"
                  ? "Flagged by a person in an earlier edit."
                  : "Flagged by the source transcript."
              : source === "flagged"
                ? "A person cleared this flag in an earlier edit."
                : "Not flagged. Tick it when the output shows the tool failed."}{" "}
            Your choice is saved as a person&apos;s flag, shown apart from detected ones.
          </p>
        </div>
      )}
      <div className="flex gap-2">
        <Button
          data-testid="editor-apply"
          onClick={() => onApply(text, isError)}
          disabled={text === initial && isError === initialError}
        >
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
