"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { ImportDropzone } from "@/components/import/import-dropzone";
import { ImportOptions, DEFAULT_OPTIONS, OTHER_DOMAIN, chosenDomain } from "@/components/import/import-options";
import { ImportQueueList } from "@/components/import/import-queue-list";
import { ImportResultsTable } from "@/components/import/import-results-table";
import { ImportSummary } from "@/components/import/import-summary";
import { resultRows, summarizeRows } from "@/components/import/result-rows";
import { useImportQueue } from "@/components/import/use-import-queue";
import type { PickResult } from "@/components/import/picked-files";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The import page's client part: choose files, set format and domain, upload, read the results. */
export function ImportPanel({ slug, queryId = null }: { slug: string; queryId?: string | null }) {
  const qc = useQueryClient();
  const queue = useImportQueue(slug);
  // Lists open in other tabs refresh through the socket; this one's cache is refreshed here.
  useEffect(() => {
    if (queue.phase === "finished") void qc.invalidateQueries({ queryKey: ["trajectories", slug] });
  }, [queue.phase, qc, slug]);
  const [options, setOptions] = useState(DEFAULT_OPTIONS);
  const [notice, setNotice] = useState<string | null>(null);
  const [failuresOnly, setFailuresOnly] = useState(false);
  const rows = useMemo(() => resultRows(queue.items), [queue.items]);
  const summary = summarizeRows(rows);
  const queued = queue.items.filter((i) => i.state === "queued").length;
  const domainMissing = options.domainChoice === OTHER_DOMAIN && !options.domainText.trim();

  const onPick = ({ files, skipped }: PickResult) => {
    const added = queue.add(files);
    const parts: string[] = [];
    if (!files.length && !skipped) parts.push("No files found in what was chosen.");
    else parts.push(`Added ${plural(added, "file", "files")}.`);
    if (files.length > added) parts.push(`${plural(files.length - added, "file was", "files were")} already queued.`);
    if (skipped)
      parts.push(
        `${plural(skipped, "system file or folder", "system files or folders")} (.DS_Store, .git, node_modules…) left out.`,
      );
    setNotice(parts.join(" "));
  };

  const onStart = (e: FormEvent) => {
    e.preventDefault();
    if (!queued || domainMissing) return;
    setNotice(null);
    queue.start({ format: options.format, domain: chosenDomain(options), queryId });
  };

  if (queue.phase === "selecting") {
    return (
      <form onSubmit={onStart} className="space-y-4" aria-label="Import transcript files">
        <ImportDropzone onPick={onPick} />
        {notice && (
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="import-notice">
            {notice}
          </p>
        )}
        <ImportQueueList items={queue.items} onRemove={queue.remove} onClear={queue.clear} />
        <div className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
          <ImportOptions value={options} onChange={setOptions} />
          <div className="flex items-center gap-2">
            <LinkButton variant="secondary" href={`/projects/${slug}/trajectories`}>
              Cancel
            </LinkButton>
            <Button type="submit" disabled={!queued || domainMissing} data-testid="import-start">
              {queued ? `Import ${plural(queued, "file", "files")}` : "Import"}
            </Button>
          </div>
        </div>
        {queryId && (
          <p className="text-xs text-zinc-500">The imported trajectories will be linked to query {queryId}.</p>
        )}
      </form>
    );
  }

  const running = queue.phase === "running";
  const domain = queue.params?.domain;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <ImportSummary summary={summary} running={running} />
          <p className="text-xs text-zinc-500">
            Format {queue.params?.format ?? "auto"} · {domain ? `domain ${domain}` : "no domain"}
            {queue.params?.queryId ? ` · query ${queue.params.queryId}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {running ? (
            <Button
              type="button"
              variant="secondary"
              onClick={queue.stop}
              disabled={!rows.some((r) => r.status === "queued")}
            >
              Stop after current files
            </Button>
          ) : (
            <>
              {summary.failed > 0 && (
                <Button type="button" variant="secondary" onClick={queue.retryFailed}>
                  Retry failed
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={queue.reset} data-testid="import-more">
                Import more
              </Button>
              <LinkButton href={`/projects/${slug}/trajectories`} data-testid="import-back">
                Back to trajectories
              </LinkButton>
            </>
          )}
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <input
          type="checkbox"
          checked={failuresOnly}
          onChange={(e) => setFailuresOnly(e.target.checked)}
          data-testid="failures-only"
        />
        Failures only
      </label>
      <ImportResultsTable
        slug={slug}
        rows={failuresOnly ? rows.filter((r) => r.status === "rejected" || r.status === "failed") : rows}
        onRetry={queue.retry}
      />
    </div>
  );
}
