"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import type { ResponseOf } from "@/lib/http/json-of";
import type { listJobs } from "@/lib/jobs/job-queue";
import { DateTime } from "@/components/ui/date-time";

// Types only: the list is typed from the server function that makes it.
type Job = ResponseOf<typeof listJobs>[number];

/** The project's tokenizer: the bundled o200k_base or a model folder of the server's models folder, by name. */
export function TokenizerPanel({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const project = useQuery({
    queryKey: ["project", slug],
    queryFn: () => apiFetch<{ project: { tokenizer: string } }>(`/api/projects/${slug}`),
  });
  const jobs = useQuery({
    queryKey: ["jobs", slug, "tokens.recount"],
    queryFn: () => apiFetch<{ jobs: Job[] }>(`/api/projects/${slug}/jobs?kind=tokens.recount`),
    refetchInterval: (q) =>
      q.state.data?.jobs.some((j) => j.status === "queued" || j.status === "running") ? 1000 : false,
  });
  const choices = useQuery({
    queryKey: ["tokenizer-choices", slug],
    queryFn: () => apiFetch<{ specs: string[] }>(`/api/projects/${slug}/tokenizer`),
  });
  const current = project.data?.project.tokenizer ?? "";
  const [picked, setPicked] = useState<string | null>(null);
  const specs = choices.data?.specs ?? [];
  // A setting that is no longer offered (a removed model folder, an old path) stays visible as such.
  const options = current && !specs.includes(current) ? [current, ...specs] : specs;
  const shown = picked ?? current;
  const save = useMutation({
    mutationFn: (tokenizer: string) =>
      apiFetch(`/api/projects/${slug}/tokenizer`, { method: "PUT", json: { tokenizer } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["project", slug] });
      qc.invalidateQueries({ queryKey: ["jobs", slug] });
    },
  });
  const latest = jobs.data?.jobs[0];

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (shown) save.mutate(shown);
  }

  return (
    <section aria-labelledby="tok-h" data-testid="tokenizer-panel">
      <h2 id="tok-h" className="mb-1 text-base font-semibold">
        Tokenizer
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Token counts of every step use this tokenizer. Now: <code className="font-mono">{current || "…"}</code>.
        Changing it recounts the whole project in the background. Hugging Face tokenizers are offered from the
        server&apos;s models folder (<code className="font-mono">LIMI_MODELS_DIR</code>): each folder holding a{" "}
        <code className="font-mono">tokenizer.json</code> is one choice.
      </p>
      {canEdit && (
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
          <Field label="Tokenizer">
            <Select
              value={shown}
              onChange={(e) => setPicked(e.target.value)}
              data-testid="tokenizer-select"
              disabled={!choices.data}
            >
              {options.map((spec) => (
                <option key={spec} value={spec}>
                  {spec === "o200k_base"
                    ? "o200k_base (bundled)"
                    : specs.includes(spec)
                      ? `${spec.slice(3)} (models folder)`
                      : `${spec} (not offered)`}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" disabled={save.isPending || !shown || shown === current}>
            {save.isPending ? "Checking…" : "Save and recount"}
          </Button>
        </form>
      )}
      {canEdit && choices.data && specs.length === 1 && (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="no-models">
          No model folders on the server yet: an administrator copies a model&apos;s folder (with its{" "}
          <code className="font-mono">tokenizer.json</code>) into the models folder to offer it here.
        </p>
      )}
      {choices.error && (
        <div className="mt-3">
          <ErrorBox error={choices.error} retry={() => choices.refetch()} />
        </div>
      )}
      {save.error && (
        <div className="mt-3">
          <ErrorBox error={save.error} />
        </div>
      )}
      {latest && (
        <div className="mt-3 text-sm" data-testid="recount-job" data-status={latest.status}>
          {latest.status === "failed" ? (
            <span className="text-red-600">Recount failed: {latest.error}</span>
          ) : latest.status === "done" ? (
            <span className="text-zinc-600 dark:text-zinc-400">
              Last recount finished {latest.finishedAt ? <DateTime value={latest.finishedAt} /> : ""} ({latest.total}{" "}
              trajectories).
            </span>
          ) : (
            <div className="max-w-md">
              <div className="mb-1">
                Recounting… {latest.progress} / {latest.total || "?"} trajectories
              </div>
              <div
                className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
                role="progressbar"
                aria-valuenow={latest.progress}
                aria-valuemax={latest.total}
              >
                <div
                  className="h-full bg-indigo-600 transition-all"
                  style={{ width: `${latest.total ? (latest.progress / latest.total) * 100 : 5}%` }}
                />
              </div>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
