"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { DEFAULT_PR_FILTER_FORM, prFilterQuery, type PrFilterField } from "@/components/queries/prs/pr-filter-form";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { LinkButton } from "@/components/ui/link-button";
import { queryKeys } from "@/components/queries/query-keys";
import { RemovedCounts } from "@/components/queries/prs/removed-counts";
import type { PrImportRow } from "@/components/queries/query-types";

/**
 * Upload a JSON or JSONL file of pull requests with the LIMI filter options. The file is checked
 * whole on the server: one bad record refuses it, and the message names the line and field.
 */
export function PrImportForm({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState(DEFAULT_PR_FILTER_FORM);
  const [errors, setErrors] = useState<Partial<Record<PrFilterField, string>>>({});
  const upload = useMutation({
    mutationFn: ({ file, query }: { file: File; query: string }) => {
      const form = new FormData();
      form.append("file", file, file.name);
      return apiFetch<{ import: PrImportRow }>(`/api/projects/${slug}/pr-imports?${query}`, {
        method: "POST",
        body: form,
      });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.prImports(slug) }),
  });
  const set = <K extends keyof typeof options>(k: K, v: (typeof options)[K]) => {
    setOptions({ ...options, [k]: v });
    setErrors({});
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    const q = prFilterQuery(options);
    if (!q.ok) return setErrors(q.errors);
    upload.mutate({ file, query: q.query });
  }

  const result = upload.data?.import;
  return (
    <section
      aria-labelledby="pr-upload-h"
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="pr-upload-h" className="text-base font-semibold">
        Import pull requests
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A JSON array or JSONL file, one PR per record: <code className="font-mono text-xs">repo</code>,{" "}
        <code className="font-mono text-xs">number</code>, <code className="font-mono text-xs">title</code>,{" "}
        <code className="font-mono text-xs">body</code>, <code className="font-mono text-xs">patch</code> (or{" "}
        <code className="font-mono text-xs">diff</code>), <code className="font-mono text-xs">changedFiles</code>. For a
        local git repository use{" "}
        <code className="font-mono text-xs">
          npx limi queries prs --repo &lt;path&gt; --range &lt;rev-range&gt; --project {slug}
        </code>
        .
      </p>
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Import pull requests" noValidate>
        <Field label="PR file">
          <Input
            type="file"
            accept=".json,.jsonl,.ndjson,application/json,application/x-ndjson"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              upload.reset();
            }}
            data-testid="pr-file-input"
          />
        </Field>
        <fieldset className="flex flex-wrap items-start gap-4">
          <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">LIMI filters</legend>
          <div className="w-40">
            <Field label="Max patch tokens" error={errors.maxPatchTokens}>
              <Input
                inputMode="numeric"
                value={options.maxPatchTokens}
                onChange={(e) => set("maxPatchTokens", e.target.value)}
                aria-invalid={errors.maxPatchTokens ? true : undefined}
                data-testid="max-patch-tokens"
              />
            </Field>
          </div>
          <div className="w-40">
            <Field label="Max PRs per repository" error={errors.maxPerRepo}>
              <Input
                inputMode="numeric"
                value={options.maxPerRepo}
                onChange={(e) => set("maxPerRepo", e.target.value)}
                aria-invalid={errors.maxPerRepo ? true : undefined}
                data-testid="max-per-repo"
              />
            </Field>
          </div>
          <div className="w-28">
            <Field label="Seed" error={errors.seed}>
              <Input
                inputMode="numeric"
                value={options.seed}
                onChange={(e) => set("seed", e.target.value)}
                aria-invalid={errors.seed ? true : undefined}
                title="Chooses which PRs survive the per-repository cap; same seed, same choice"
              />
            </Field>
          </div>
          <div className="space-y-1.5 pt-6 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={options.includeDocs}
                onChange={(e) => set("includeDocs", e.target.checked)}
                data-testid="include-docs"
              />
              Include documentation-only PRs
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={options.singleFileOnly}
                onChange={(e) => set("singleFileOnly", e.target.checked)}
                data-testid="single-file-only"
              />
              Single-file PRs only
            </label>
          </div>
        </fieldset>
        <div className="flex items-center gap-2">
          <Button type="submit" disabled={!file || upload.isPending} data-testid="pr-import-submit">
            {upload.isPending ? "Reading and filtering…" : "Import and filter"}
          </Button>
          {file && !upload.isPending && <span className="text-xs text-zinc-500">{file.name}</span>}
        </div>
      </form>
      {upload.error && (
        <div data-testid="pr-import-error">
          <ErrorBox error={upload.error} />
        </div>
      )}
      {result && (
        <div
          className="space-y-3 rounded-md border border-emerald-200 bg-emerald-50/50 p-3 dark:border-emerald-900 dark:bg-emerald-950/30"
          data-testid="pr-import-result"
        >
          <p className="text-sm">
            <span className="font-medium">{result.sourceName}</span> imported.{" "}
            {result.kept
              ? `${result.kept} ${result.kept === 1 ? "PR passes" : "PRs pass"} the filters.`
              : "No PR passes the filters; loosen them and import again."}
          </p>
          <RemovedCounts imp={result} />
          <div className="flex gap-2">
            {result.kept > 0 && (
              <LinkButton href={`/projects/${slug}/queries/prs/${result.id}`} data-testid="open-pr-import">
                Synthesise queries from {result.kept} {result.kept === 1 ? "PR" : "PRs"}
              </LinkButton>
            )}
            <Link
              href={`/projects/${slug}/queries/prs/${result.id}`}
              className="self-center text-sm text-indigo-700 hover:underline dark:text-indigo-300"
            >
              See every PR and why it was removed
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}
