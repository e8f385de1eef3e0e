"use client";
import { CodeEditor } from "@/components/monaco/code-editor";
import type { QueryPr } from "@/components/queries/query-types";
import { DateTime } from "@/components/ui/date-time";

/** The pull request a candidate was written from: title, description, files and the diff (read-only Monaco). */
export function PrDiffPanel({ pr }: { pr: QueryPr }) {
  return (
    <section aria-labelledby="pr-h" className="space-y-2" data-testid="pr-panel">
      <div>
        <h2 id="pr-h" className="text-sm font-semibold">
          {pr.url ? (
            <a href={pr.url} target="_blank" rel="noopener noreferrer nofollow" className="hover:underline">
              {pr.repo}#{pr.number}
            </a>
          ) : (
            <span>
              {pr.repo}#{pr.number}
            </span>
          )}{" "}
          <span className="font-normal">{pr.title}</span>
        </h2>
        <p className="text-xs text-zinc-500">
          {pr.changedFiles.length} {pr.changedFiles.length === 1 ? "file" : "files"}
          {pr.commit && (
            <>
              {" "}
              · commit <code className="font-mono">{pr.commit.slice(0, 12)}</code>
            </>
          )}
          {pr.mergedAt && (
            <>
              {" "}
              · merged <DateTime value={pr.mergedAt} dayOnly />
            </>
          )}
        </p>
      </div>
      {pr.body.trim() && (
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Description</summary>
          <p className="mt-1 max-h-40 overflow-y-auto whitespace-pre-wrap rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">
            {pr.body}
          </p>
        </details>
      )}
      <CodeEditor
        value={pr.patch}
        language="diff"
        readOnly
        height="min(70vh, 640px)"
        path={`pr-${pr.id}.diff`}
        ariaLabel={`Diff of ${pr.repo}#${pr.number}`}
        testId="pr-diff"
      />
    </section>
  );
}
