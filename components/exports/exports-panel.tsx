"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import type { PublicExport } from "@/lib/export/start-export";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Badge, EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";

interface ExportsResponse {
  exports: Array<Omit<PublicExport, "createdAt" | "finishedAt"> & { createdAt: string; finishedAt: string | null }>;
  releases: Array<{ number: number; notes: string; createdAt: string; samples: number }>;
}

const FORMATS: Array<{ name: string; label: string }> = [
  { name: "limi", label: "limi: {tools, messages} as JSON and parquet (slime, LIMI)" },
  { name: "openai", label: "openai: fine-tuning JSONL (arguments as strings)" },
  { name: "sharegpt", label: "sharegpt: LLaMA-Factory, with dataset_info.json" },
  { name: "hf-messages", label: "hf-messages: JSONL with reasoning_content" },
  { name: "atif", label: "atif: Agent Trajectory Interchange Format" },
  { name: "dpo", label: "dpo: preference pairs from the edits" },
  { name: "prm", label: "prm: per-step labels from the first-error step" },
];

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const statusTone = { queued: "zinc", running: "indigo", done: "green", failed: "red" } as const;

/** Start an export of a release, watch its progress, download the zip; the project's past exports. */
export function ExportsPanel({ slug }: { slug: string }) {
  const qc = useQueryClient();
  const url = `/api/projects/${encodeURIComponent(slug)}/exports`;
  const list = useQuery({
    queryKey: ["exports", slug],
    queryFn: () => apiFetch<ExportsResponse>(url),
    refetchInterval: (q) =>
      q.state.data?.exports.some((e) => e.status === "queued" || e.status === "running") ? 1000 : false,
  });
  const [release, setRelease] = useState<string>("");
  const [format, setFormat] = useState("limi");
  const [toolsInSystemPrompt, setTools] = useState(false);
  const [repeat, setRepeat] = useState("1");
  const releases = list.data?.releases ?? [];
  const chosen = release || (releases[0] ? String(releases[0].number) : "");
  const start = useMutation({
    mutationFn: () =>
      apiFetch<PublicExport>(url, {
        method: "POST",
        json: {
          release: Number(chosen),
          format,
          options: format === "limi" ? { toolsInSystemPrompt, repeat: Number(repeat) } : undefined,
        },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["exports", slug] }),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (chosen) start.mutate();
  }

  if (list.isPending) return <Spinner label="Loading exports" />;
  if (list.error) return <ErrorBox error={list.error} retry={() => list.refetch()} />;

  return (
    <div className="space-y-8">
      <section aria-labelledby="new-export-h">
        <h2 id="new-export-h" className="mb-3 text-base font-semibold">
          New export
        </h2>
        {releases.length === 0 ? (
          <EmptyState title="No releases yet">
            A release is locked on the Curation page from approved trajectories; exports are made from releases. (The
            command line also exports approved trajectories by id: <code>limi export --ids</code>.)
          </EmptyState>
        ) : (
          <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" data-testid="export-form">
            <Field label="Release">
              <Select value={chosen} onChange={(e) => setRelease(e.target.value)} data-testid="export-release">
                {releases.map((r) => (
                  <option key={r.number} value={r.number}>
                    Release {r.number} ({r.samples} samples)
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Format">
              <Select value={format} onChange={(e) => setFormat(e.target.value)} data-testid="export-format">
                {FORMATS.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.label}
                  </option>
                ))}
              </Select>
            </Field>
            {format === "limi" && (
              <>
                <label className="flex items-center gap-2 pb-2 text-sm">
                  <input
                    type="checkbox"
                    checked={toolsInSystemPrompt}
                    onChange={(e) => setTools(e.target.checked)}
                    data-testid="export-tools-in-system"
                  />
                  Tool list in the system prompt
                </label>
                <Field label="Repeat the set">
                  <Input
                    type="number"
                    min={1}
                    max={100}
                    value={repeat}
                    onChange={(e) => setRepeat(e.target.value)}
                    className="w-20"
                    data-testid="export-repeat"
                  />
                </Field>
              </>
            )}
            <Button type="submit" disabled={start.isPending || !chosen} data-testid="export-start">
              {start.isPending ? "Starting…" : "Export"}
            </Button>
          </form>
        )}
        {start.error && (
          <div className="mt-3">
            <ErrorBox error={start.error} />
          </div>
        )}
      </section>

      <section aria-labelledby="past-exports-h">
        <h2 id="past-exports-h" className="mb-3 text-base font-semibold">
          Exports
        </h2>
        {list.data.exports.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No exports yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="exports-table">
              <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
                <tr>
                  <th className="py-2 pr-3 font-medium">Started</th>
                  <th className="py-2 pr-3 font-medium">Set</th>
                  <th className="py-2 pr-3 font-medium">Format</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  <th className="py-2 pr-3 font-medium">Samples</th>
                  <th className="py-2 pr-3 font-medium">Size</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.exports.map((e) => (
                  <tr
                    key={e.id}
                    className="border-b border-zinc-100 align-top dark:border-zinc-900"
                    data-testid="export-row"
                    data-status={e.status}
                  >
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <DateTime value={e.createdAt} />
                      {e.createdBy && <div className="text-xs text-zinc-500">{e.createdBy}</div>}
                    </td>
                    <td className="py-2 pr-3">
                      {e.release !== null ? `Release ${e.release}` : `${e.ids} ids (unreleased)`}
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{e.format}</td>
                    <td className="py-2 pr-3">
                      <Badge tone={statusTone[e.status]}>{e.status}</Badge>
                      {(e.status === "running" || e.status === "queued") && (
                        <div
                          className="mt-1 h-1.5 w-32 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
                          role="progressbar"
                          aria-label="Export progress"
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={Math.round(e.progress * 100)}
                          data-testid="export-progress"
                        >
                          <div className="h-full bg-indigo-600" style={{ width: `${Math.round(e.progress * 100)}%` }} />
                        </div>
                      )}
                      {e.error && (
                        <div className="mt-1 max-w-md text-xs whitespace-pre-wrap text-red-700 dark:text-red-400">
                          {e.error}
                        </div>
                      )}
                    </td>
                    <td className="py-2 pr-3">{e.status === "done" ? e.samples : "—"}</td>
                    <td className="py-2 pr-3">{e.status === "done" ? size(e.size) : "—"}</td>
                    <td className="py-2">
                      {e.status === "done" && (
                        <a
                          href={`${url}/${encodeURIComponent(e.id)}/download`}
                          download
                          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                          data-testid="export-download"
                        >
                          Download zip
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
