"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { DEFAULT_SYNTHESIS_TEMPLATE } from "@/lib/queries/synthesis/synthesis-prompt";
import { Button } from "@/components/ui/button";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { CodeEditor } from "@/components/monaco/code-editor";
import type { TemplateResponse } from "@/components/queries/query-types";
import { queryKeys } from "@/components/queries/query-keys";
import { TemplatePreview } from "@/components/queries/synthesis/template-preview";

/** The project's PR→query prompt: edit in Monaco, preview on one PR, save. A refused template says which line is wrong. */
export function TemplateEditor({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: queryKeys.template(slug),
    queryFn: () => apiFetch<TemplateResponse>(`/api/projects/${slug}/synthesis/template`),
  });
  // null: not edited since the last load or save.
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (template: string) =>
      apiFetch<TemplateResponse>(`/api/projects/${slug}/synthesis/template`, { method: "PUT", json: { template } }),
    onSuccess: (r) => {
      qc.setQueryData(queryKeys.template(slug), r);
      setDraft(null);
    },
  });
  if (q.isPending) return <Spinner />;
  if (q.error || !q.data) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const text = draft ?? q.data.template;
  const dirty = draft !== null && draft !== q.data.template;

  return (
    <section aria-labelledby="tpl-h" className="space-y-3" data-testid="template-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="tpl-h" className="text-base font-semibold">
            Prompt template
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {q.data.isDefault && !dirty ? "The built-in default. " : ""}Placeholders:{" "}
            {q.data.placeholders.map((p) => `{{${p}}}`).join(" ")}. The model must answer with the JSON object{" "}
            <code className="font-mono text-xs">
              {"{query, task_category, modified_files, related_files, reasoning}"}
            </code>
            ; other replies are retried once, then flagged.
          </p>
        </div>
        <div className="flex items-center gap-2">
          {dirty && (
            <span className="text-xs text-amber-700 dark:text-amber-300" data-testid="template-unsaved">
              Unsaved changes
            </span>
          )}
          <Button
            variant="ghost"
            onClick={() => setDraft(DEFAULT_SYNTHESIS_TEMPLATE)}
            disabled={text === DEFAULT_SYNTHESIS_TEMPLATE}
          >
            Restore default
          </Button>
          <Button variant="secondary" onClick={() => (setDraft(null), save.reset())} disabled={!dirty}>
            Discard
          </Button>
          <Button onClick={() => save.mutate(text)} disabled={!dirty || save.isPending} data-testid="template-save">
            {save.isPending ? "Saving…" : "Save template"}
          </Button>
        </div>
      </div>
      {save.error && (
        <div data-testid="template-error">
          <ErrorBox error={save.error} />
        </div>
      )}
      {save.isSuccess && !dirty && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          Saved. New runs use this template; runs already started keep theirs.
        </p>
      )}
      <CodeEditor
        value={text}
        language="markdown"
        onChange={(v) => setDraft(v)}
        height={420}
        path="synthesis-template.md"
        ariaLabel="Prompt template"
        testId="template-code"
      />
      <TemplatePreview slug={slug} template={text} />
    </section>
  );
}
