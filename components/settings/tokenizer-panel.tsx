"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorBox } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";

interface Job {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  total: number;
  error: string | null;
  finishedAt: string | null;
}

/** The project's tokenizer: the bundled o200k_base or a Hugging Face tokenizer.json on the server. */
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
  const current = project.data?.project.tokenizer ?? "";
  const [kind, setKind] = useState<"o200k" | "hf" | null>(null);
  const shownKind = kind ?? (current.startsWith("hf:") ? "hf" : "o200k");
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
    const path = String(new FormData(e.currentTarget).get("path") ?? "").trim();
    save.mutate(shownKind === "o200k" ? "o200k_base" : `hf:${path}`);
  }

  return (
    <section aria-labelledby="tok-h" data-testid="tokenizer-panel">
      <h2 id="tok-h" className="mb-1 text-base font-semibold">
        Tokenizer
      </h2>
      <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
        Token counts of every step use this tokenizer. Now: <code className="font-mono">{current || "…"}</code>.
        Changing it recounts the whole project in the background.
      </p>
      {canEdit && (
        <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
          <Field label="Tokenizer">
            <Select value={shownKind} onChange={(e) => setKind(e.target.value as "o200k" | "hf")}>
              <option value="o200k">o200k_base (bundled)</option>
              <option value="hf">Hugging Face tokenizer.json on the server</option>
            </Select>
          </Field>
          {shownKind === "hf" && (
            <Field label="Path on the server">
              <Input
                name="path"
                required
                defaultValue={current.startsWith("hf:") ? current.slice(3) : ""}
                placeholder="/models/glm-4.5/tokenizer.json"
                className="min-w-80"
              />
            </Field>
          )}
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Checking…" : "Save and recount"}
          </Button>
        </form>
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
