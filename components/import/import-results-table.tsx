"use client";
import Link from "next/link";
import { Fragment, useState } from "react";
import { ImportStatusBadge } from "@/components/import/import-status-badge";
import type { ResultRow } from "@/components/import/result-rows";
import { FORMAT_NAMES } from "@/components/import/format-options";
import { webMessage } from "@/lib/import/result-message";

const fmt = new Intl.NumberFormat("en");

const NUMBERS = [
  { key: "steps", label: "Steps" },
  { key: "toolCalls", label: "Tool calls" },
  { key: "toolResults", label: "Tool results" },
  { key: "failedToolResults", label: "Failed results" },
  { key: "humanMessages", label: "Human messages" },
  { key: "reasoningSteps", label: "Reasoning steps" },
  { key: "tokens", label: "Tokens" },
] as const;
const COLUMN_COUNT = 4 + NUMBERS.length;

function FileName({ slug, row }: { slug: string; row: ResultRow }) {
  const r = row.result;
  const href = (id: string) => `/projects/${slug}/trajectories/${id}`;
  if (!r?.trajectoryId) {
    return (
      <span className="block truncate font-mono text-xs" title={row.file}>
        {row.file}
      </span>
    );
  }
  const more = r.trajectoryIds.filter((id) => id !== r.trajectoryId);
  return (
    <>
      <Link
        href={href(r.trajectoryId)}
        className="block truncate font-mono text-xs text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
        title={`${row.file}: open the trajectory`}
        data-testid="import-result-link"
      >
        {row.file}
      </Link>
      {r.status === "duplicate" && <span className="text-xs text-zinc-500">already in the project</span>}
      {more.length > 0 && (
        <details className="text-xs">
          <summary className="cursor-pointer text-zinc-500">
            +{more.length} more {more.length === 1 ? "trajectory" : "trajectories"}
          </summary>
          <ul className="mt-1 max-h-40 space-y-0.5 overflow-y-auto">
            {more.map((id) => (
              <li key={id}>
                <Link href={href(id)} className="font-mono text-indigo-700 hover:underline dark:text-indigo-300">
                  {id}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function ErrorText({ row }: { row: ResultRow }) {
  const err =
    row.result?.error ??
    (row.status === "failed" ? { message: row.item.error?.message ?? "The upload failed.", line: null } : null);
  if (!err) return null;
  const m = webMessage(err.message, row.file);
  return (
    <div className="mt-0.5 text-xs">
      <p className="break-words text-red-700 dark:text-red-300" data-testid="import-result-error">
        {m.text}
        {/* The server's messages usually say where already; the line is added when they do not. */}
        {err.line !== null && !/line \d/i.test(m.text) && (
          <span className="whitespace-nowrap font-medium"> (line {err.line})</span>
        )}
      </p>
      {m.listsFormats && (
        <details>
          <summary className="cursor-pointer text-indigo-700 underline dark:text-indigo-300">which formats?</summary>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">{FORMAT_NAMES.join(", ")}</p>
        </details>
      )}
    </div>
  );
}

/** Imports over the server's limit wait their turn; say so, with the place this file had in line. */
function WaitedText({ row }: { row: ResultRow }) {
  const w = row.result?.waited;
  if (!w) return null;
  return (
    <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400" data-testid="import-result-waited">
      Waited {Math.max(1, Math.round(w.waitedMs / 1000))} s for other imports ({ordinal(w.place)} in line)
    </p>
  );
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

function ResultRowView({ slug, row, onRetry }: { slug: string; row: ResultRow; onRetry: (itemId: string) => void }) {
  const [showWarnings, setShowWarnings] = useState(false);
  const warnings = row.result?.warnings ?? [];
  const warningsId = `warnings-${row.key}`;
  return (
    <>
      <tr
        className={`align-top ${showWarnings ? "" : "border-b border-zinc-100 last:border-0 dark:border-zinc-800"}`}
        data-testid="import-result-row"
        data-status={row.status}
      >
        <td className="w-72 max-w-72 px-3 py-2">
          <FileName slug={slug} row={row} />
          <ErrorText row={row} />
          <WaitedText row={row} />
        </td>
        <td className="whitespace-nowrap px-3 py-2">
          <div className="flex items-center gap-2">
            <ImportStatusBadge status={row.status} percent={row.item.percent} />
            {row.status === "failed" && (
              <button
                type="button"
                onClick={() => onRetry(row.item.id)}
                className="text-xs text-indigo-700 underline hover:text-indigo-500 dark:text-indigo-300"
              >
                Retry
              </button>
            )}
          </div>
        </td>
        <td className="whitespace-nowrap px-3 py-2 text-zinc-600 dark:text-zinc-400">{row.result?.format ?? "—"}</td>
        {NUMBERS.map((c) => {
          // A rejected file stored nothing: its counts are not zeros but absent.
          const n = row.status === "rejected" ? undefined : row.result?.[c.key];
          return (
            <td key={c.key} className="px-2 py-2 text-right tabular-nums">
              {n === undefined ? (
                <span className="text-zinc-600 dark:text-zinc-400">—</span>
              ) : (
                <span className={c.key === "failedToolResults" && n > 0 ? "text-red-700 dark:text-red-300" : ""}>
                  {fmt.format(n)}
                </span>
              )}
            </td>
          );
        })}
        <td className="px-3 py-2 text-right tabular-nums">
          {warnings.length ? (
            <button
              type="button"
              onClick={() => setShowWarnings(!showWarnings)}
              aria-expanded={showWarnings}
              aria-controls={warningsId}
              title={warnings.join("\n")}
              className="rounded px-1 text-amber-700 underline decoration-dotted hover:bg-amber-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-amber-300 dark:hover:bg-amber-950"
              data-testid="import-result-warnings-toggle"
            >
              {warnings.length}
              <span className="sr-only"> {warnings.length === 1 ? "warning" : "warnings"}</span>
              <span aria-hidden> {showWarnings ? "▴" : "▾"}</span>
            </button>
          ) : row.result && row.status !== "rejected" ? (
            <span className="text-zinc-600 dark:text-zinc-400">0</span>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">—</span>
          )}
        </td>
      </tr>
      {showWarnings && (
        <tr
          id={warningsId}
          className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
          data-testid="import-result-warnings"
        >
          <td colSpan={COLUMN_COUNT} className="px-3 pb-2">
            <ul className="list-disc space-y-0.5 rounded-md border border-amber-200 bg-amber-50 py-2 pl-7 pr-3 text-xs text-zinc-700 dark:border-amber-900 dark:bg-amber-950/40 dark:text-zinc-300">
              {warnings.map((w, n) => (
                <li key={n} className="break-words">
                  {w}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}

/** One row per file (or per file inside an upload), with the counts the CLI prints; errors under the file name. */
export function ImportResultsTable({
  slug,
  rows,
  onRetry,
}: {
  slug: string;
  rows: ResultRow[];
  onRetry: (itemId: string) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="min-w-full text-sm" data-testid="import-results">
        <caption className="sr-only">Import results</caption>
        <thead className="border-b border-zinc-200 text-left text-xs uppercase text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">File</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Format</th>
            {NUMBERS.map((c) => (
              <th key={c.key} className="px-2 py-2 text-right font-medium">
                {c.label}
              </th>
            ))}
            <th className="px-3 py-2 text-right font-medium">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Fragment key={row.key}>
              <ResultRowView slug={slug} row={row} onRetry={onRetry} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
