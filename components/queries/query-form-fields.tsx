"use client";
import { useId } from "react";
import { DIFFICULTIES } from "@/lib/queries/query-fields";
import type { QueryFormErrors, QueryFormValues } from "@/components/queries/query-form";
import { Field, Input, Select } from "@/components/ui/field";
import { MarkdownView } from "@/components/queries/markdown-view";

/**
 * The fields of a query: markdown text with a live preview beside it, the domain (one of the
 * project's, offered as suggestions; anything else is refused with the list), difficulty, tags.
 */
export function QueryFormFields({
  values,
  onChange,
  errors,
  domains,
  disabled = false,
  autoFocus = false,
  stacked = false,
}: {
  values: QueryFormValues;
  onChange: (v: QueryFormValues) => void;
  errors: QueryFormErrors;
  domains: string[];
  disabled?: boolean;
  autoFocus?: boolean;
  /** Text above preview (in a narrow column, e.g. beside a PR diff) instead of side by side. */
  stacked?: boolean;
}) {
  const id = useId();
  const set = <K extends keyof QueryFormValues>(k: K, v: QueryFormValues[K]) => onChange({ ...values, [k]: v });
  return (
    <div className="space-y-4" data-testid="query-form">
      <div className={`grid gap-3 ${stacked ? "" : "lg:grid-cols-2"}`}>
        <label className="block space-y-1 text-sm">
          <span className="font-medium text-zinc-700 dark:text-zinc-300">Query (markdown)</span>
          <textarea
            name="text"
            value={values.text}
            onChange={(e) => set("text", e.target.value)}
            disabled={disabled}
            autoFocus={autoFocus}
            rows={stacked ? 10 : 14}
            aria-invalid={errors.text ? true : undefined}
            className="w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 font-mono text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
            placeholder="What should the agent do? The goal, the context and any constraints, as the person would write it."
            data-testid="query-text"
          />
          {errors.text && (
            <span className="block text-xs text-red-600 dark:text-red-400" data-testid="error-text">
              {errors.text}
            </span>
          )}
        </label>
        <div className="space-y-1 text-sm">
          <span className="font-medium text-zinc-700 dark:text-zinc-300">Preview</span>
          <div
            className="max-h-[22rem] min-h-[8rem] overflow-y-auto rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950"
            data-testid="query-preview"
          >
            {values.text.trim() ? (
              <MarkdownView text={values.text} testId="query-preview-body" />
            ) : (
              <p className="text-zinc-400">Nothing to preview yet.</p>
            )}
          </div>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Domain" error={errors.domain}>
          <Input
            name="domain"
            list={`${id}-domains`}
            value={values.domain}
            onChange={(e) => set("domain", e.target.value)}
            disabled={disabled}
            maxLength={64}
            aria-invalid={errors.domain ? true : undefined}
            data-testid="query-domain"
            autoComplete="off"
          />
          <datalist id={`${id}-domains`}>
            {domains.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </Field>
        <Field label="Difficulty">
          <Select
            name="difficulty"
            value={values.difficulty}
            onChange={(e) => set("difficulty", e.target.value as QueryFormValues["difficulty"])}
            disabled={disabled}
            data-testid="query-difficulty"
          >
            <option value="">Not rated</option>
            {DIFFICULTIES.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </Select>
        </Field>
        <Field label="Tags (comma-separated)" error={errors.tags}>
          <Input
            name="tags"
            value={values.tags}
            onChange={(e) => set("tags", e.target.value)}
            disabled={disabled}
            placeholder="python, cli"
            data-testid="query-tags"
          />
        </Field>
      </div>
    </div>
  );
}
