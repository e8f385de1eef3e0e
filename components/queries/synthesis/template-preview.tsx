"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import type { PreviewResponse, PrImportRow, PrListRow } from "@/components/queries/query-types";

/** The template (as edited, saved or not) rendered on one chosen PR: exactly what the model would be sent. */
export function TemplatePreview({ slug, template }: { slug: string; template: string }) {
  const imports = useQuery({
    queryKey: queryKeys.prImports(slug),
    queryFn: () => apiFetch<{ imports: PrImportRow[] }>(`/api/projects/${slug}/pr-imports`),
  });
  const usable = (imports.data?.imports ?? []).filter((i) => i.kept > 0);
  const [importId, setImportId] = useState("");
  const chosenImport = importId || usable[0]?.id || "";
  const prs = useQuery({
    queryKey: [...queryKeys.prImport(slug, chosenImport), "kept"],
    queryFn: () => apiFetch<{ prs: PrListRow[] }>(`/api/projects/${slug}/pr-imports/${chosenImport}?kept=true`),
    enabled: chosenImport !== "",
  });
  const [prId, setPrId] = useState("");
  const chosenPr = prs.data?.prs.some((p) => p.id === prId) ? prId : (prs.data?.prs[0]?.id ?? "");
  const preview = useMutation({
    mutationFn: (v: { template: string; prId: string }) =>
      apiFetch<PreviewResponse>(`/api/projects/${slug}/synthesis/preview`, { method: "POST", json: v }),
  });
  const stale =
    preview.variables !== undefined && (preview.variables.template !== template || preview.variables.prId !== chosenPr);

  return (
    <div
      className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="template-preview"
    >
      <h3 className="text-sm font-semibold">Preview on one pull request</h3>
      {imports.data && usable.length === 0 ? (
        <p className="text-sm text-zinc-500">
          Import pull requests first; the preview renders the template on one of them.
        </p>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-64">
            <Field label="Import">
              <Select value={chosenImport} onChange={(e) => setImportId(e.target.value)} data-testid="preview-import">
                {usable.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.sourceName} ({i.kept} kept)
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <div className="w-80">
            <Field label="Pull request">
              <Select value={chosenPr} onChange={(e) => setPrId(e.target.value)} data-testid="preview-pr">
                {(prs.data?.prs ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.repo}#{p.number} {p.title}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Button
            variant="secondary"
            onClick={() => preview.mutate({ template, prId: chosenPr })}
            disabled={!chosenPr || preview.isPending}
            data-testid="preview-run"
          >
            {preview.isPending ? "Rendering…" : "Preview"}
          </Button>
        </div>
      )}
      {(imports.error || prs.error) && <ErrorBox error={imports.error ?? prs.error} />}
      {preview.error && (
        <div data-testid="preview-error">
          <ErrorBox error={preview.error} />
        </div>
      )}
      {preview.data && stale && (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          The template or the PR changed since this preview; preview again to see the current one.
        </p>
      )}
      {preview.data && (
        <pre
          className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950"
          data-testid="preview-output"
        >
          {preview.data.prompt}
        </pre>
      )}
    </div>
  );
}
