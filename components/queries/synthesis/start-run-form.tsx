"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";
import type { RunRow } from "@/components/queries/query-types";
import { useDomains } from "@/components/queries/use-domains";

const MAX_CONCURRENCY = 32;

/** Starts a synthesis run over an import's kept PRs; the run then goes on in the server. */
export function StartRunForm({
  slug,
  importId,
  kept,
  llmConfigured = true,
}: {
  slug: string;
  importId: string;
  kept: number;
  llmConfigured?: boolean;
}) {
  const qc = useQueryClient();
  const router = useRouter();
  const domains = useDomains(slug).data?.domains ?? [];
  const [concurrency, setConcurrency] = useState("4");
  const [domain, setDomain] = useState("");
  const n = Number(concurrency);
  const badConcurrency = !Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY;
  const start = useMutation({
    mutationFn: () =>
      apiFetch<{ run: RunRow }>(`/api/projects/${slug}/synthesis/runs`, {
        method: "POST",
        json: { importId, concurrency: n, domain: domain || domains[0] },
      }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: queryKeys.runs(slug) });
      router.push(`/projects/${slug}/queries/synthesis/runs/${r.run.id}`);
    },
  });
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!badConcurrency) start.mutate();
  }
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      aria-label="Start synthesis"
      data-testid="start-run-form"
    >
      <h2 className="text-base font-semibold">Synthesise candidate queries</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The model writes one task per kept PR ({kept}) with the project&apos;s prompt template. Results enter the pool
        as candidates for a person to check.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-40">
          <Field label="Calls in flight" error={badConcurrency ? `1 to ${MAX_CONCURRENCY}` : undefined}>
            <Input
              inputMode="numeric"
              value={concurrency}
              onChange={(e) => setConcurrency(e.target.value)}
              data-testid="run-concurrency"
            />
          </Field>
        </div>
        <div className="w-56">
          <Field label="Domain of the queries">
            <Select
              value={domain || domains[0] || ""}
              onChange={(e) => setDomain(e.target.value)}
              data-testid="run-domain"
            >
              {domains.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </Select>
          </Field>
        </div>
        <Button
          type="submit"
          disabled={!llmConfigured || start.isPending || badConcurrency || kept === 0}
          data-testid="start-run"
          aria-describedby={llmConfigured ? undefined : "no-llm-reason"}
        >
          {start.isPending ? "Starting…" : "Start synthesis"}
        </Button>
      </div>
      {!llmConfigured && (
        <p id="no-llm-reason" className="text-sm text-amber-800 dark:text-amber-300" data-testid="no-llm-reason">
          Synthesis needs a language model: no LLM is configured on this server. An administrator sets LLM_BASE_URL (and
          LLM_API_KEY, LLM_MODEL) and restarts the app.
        </p>
      )}
      {start.error && (
        <div data-testid="start-run-error">
          <ErrorBox error={start.error} />
        </div>
      )}
    </form>
  );
}
