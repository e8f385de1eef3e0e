"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { apiFetch } from "@/lib/http/client-fetch";
import { QUERY_STATUSES, STATUS_LABELS } from "@/lib/queries/query-fields";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";
import { queryKeys } from "@/components/queries/query-keys";

/**
 * JSONL in and out. Import is all-or-nothing on the server: a bad line refuses the whole file and
 * the message names the line. Export streams the pool (or one status) as a download.
 */
export function QueryJsonlActions({ slug, canWrite }: { slug: string; canWrite: boolean }) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) =>
      apiFetch<{ imported: number }>(`/api/projects/${slug}/queries/import?filename=${encodeURIComponent(file.name)}`, {
        method: "POST",
        body: file,
        headers: { "content-type": "application/x-ndjson" },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.all(slug) }),
  });
  const exportHref = (status?: string) => `/api/projects/${slug}/queries/export${status ? `?status=${status}` : ""}`;

  return (
    <div className="flex max-w-xl flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {canWrite && (
          <>
            <input
              ref={input}
              type="file"
              accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json"
              className="sr-only"
              data-testid="query-import-input"
              aria-label="Import queries from a JSONL file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) upload.mutate(file);
              }}
            />
            <Button
              variant="secondary"
              onClick={() => input.current?.click()}
              disabled={upload.isPending}
              title="One JSON object per line: {text, domain, difficulty?, tags?, status?}"
            >
              {upload.isPending ? "Importing…" : "Import JSONL"}
            </Button>
          </>
        )}
        <details className="relative">
          <summary
            className="inline-flex cursor-pointer list-none items-center rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
            data-testid="query-export"
          >
            Export JSONL ▾
          </summary>
          <ul className="absolute right-0 z-10 mt-1 w-44 rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
            <li>
              <a href={exportHref()} download className="block px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                All queries
              </a>
            </li>
            {QUERY_STATUSES.map((s) => (
              <li key={s}>
                <a
                  href={exportHref(s)}
                  download
                  className="block px-3 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
                  data-testid={`query-export-${s}`}
                >
                  {STATUS_LABELS[s]} only
                </a>
              </li>
            ))}
          </ul>
        </details>
      </div>
      {upload.data && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="query-import-result">
          Imported {upload.data.imported} {upload.data.imported === 1 ? "query" : "queries"}.
        </p>
      )}
      {upload.error && (
        <div className="w-full" data-testid="query-import-error">
          <ErrorBox error={upload.error} />
        </div>
      )}
    </div>
  );
}
