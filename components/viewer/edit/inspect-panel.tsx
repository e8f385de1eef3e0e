"use client";
/** A step's content in the one read-only Monaco editor, with the language picked from the content. */
import { CodeEditor } from "@/components/monaco/code-editor";
import { detectLanguage } from "@/lib/viewer/detect-language";
import { editableText } from "@/lib/viewer/step-text";
import type { ParsedStep } from "@/lib/viewer/types";
import { KIND_LABEL } from "@/components/viewer/steps/kind-style";

export function InspectPanel({ stepKey, ordinal, step }: { stepKey: string; ordinal: number; step: ParsedStep }) {
  const text = editableText(step);
  const language =
    step.kind === "tool_call" && step.arguments
      ? "json"
      : step.kind === "assistant"
        ? "markdown"
        : detectLanguage(text);
  return (
    <section className="space-y-2 p-3" data-testid="inspect-panel" data-language={language}>
      <h2 className="text-sm font-semibold">
        Step #{ordinal} · {KIND_LABEL[step.kind]} · {language}
      </h2>
      <CodeEditor
        value={text}
        language={language}
        readOnly
        height="max(240px, calc(100vh - 24rem))"
        path={`inspect-${stepKey}`}
        ariaLabel={`Step ${ordinal}, read-only`}
        testId="inspect-monaco"
      />
    </section>
  );
}
