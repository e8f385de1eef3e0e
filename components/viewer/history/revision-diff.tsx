"use client";
/** What changed between two revisions: a summary, the changed steps, and Monaco's diff editor for the one selected. */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DiffView } from "@/components/monaco/diff-view";
import { ErrorBox, Spinner } from "@/components/ui/states";
import { apiFetch } from "@/lib/http/client-fetch";
import { detectLanguage } from "@/lib/viewer/detect-language";
import { editableText, stepDiffText } from "@/lib/viewer/step-text";
import type { TrajectoryApi } from "@/components/viewer/data/api-paths";
import type { DiffResponse } from "@/components/viewer/data/viewer-types";

export function RevisionDiff({
  api,
  from,
  to,
  onClose,
  wide = false,
}: {
  api: TrajectoryApi;
  from: number;
  to: number;
  onClose: () => void;
  /** In the wide view: side by side, as tall as the screen allows. */
  wide?: boolean;
}) {
  const q = useQuery({
    queryKey: ["revision-diff", api.detail, from, to],
    queryFn: () => apiFetch<DiffResponse>(api.diff(from, to)),
    staleTime: Infinity,
  });
  const [selected, setSelected] = useState<string | null>(null);
  if (q.isPending) return <Spinner label="Comparing" />;
  if (q.error) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  const d = q.data;
  const current = d.changes.find((c) => c.key === selected) ?? d.changes.find((c) => c.change !== "moved") ?? null;
  const sample = current?.after ?? current?.before;
  return (
    <section data-testid="revision-diff" className="space-y-2 rounded border border-zinc-200 p-2 dark:border-zinc-800">
      <header className="flex items-center justify-between text-sm font-semibold">
        Revision #{from} → #{to}
        <button type="button" onClick={onClose} aria-label="Close the comparison" className="text-zinc-500">
          ✕
        </button>
      </header>
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="diff-summary">
        {d.summary.updated} edited, {d.summary.inserted} inserted, {d.summary.deleted} deleted, {d.summary.moved} moved
      </p>
      {d.changes.length === 0 ? (
        <p className="text-xs text-zinc-500">The two revisions have the same steps.</p>
      ) : (
        <ul className="max-h-32 space-y-0.5 overflow-y-auto text-xs">
          {d.changes.map((c) => (
            <li key={`${c.change}-${c.key}`}>
              <button
                type="button"
                data-testid="diff-change"
                data-change={c.change}
                onClick={() => setSelected(c.key)}
                className={`w-full rounded px-1 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800 ${current?.key === c.key ? "bg-zinc-100 dark:bg-zinc-800" : ""}`}
              >
                <span className="font-medium">{c.change}</span>{" "}
                {c.change === "moved"
                  ? `#${(c.fromIndex ?? 0) + 1} → #${(c.toIndex ?? 0) + 1}`
                  : c.toIndex !== null
                    ? `#${c.toIndex + 1}`
                    : `#${(c.fromIndex ?? 0) + 1} of #${from}`}
                {c.change !== "moved" && (c.after ?? c.before)
                  ? ` · ${editableText((c.after ?? c.before)!).slice(0, 60)}`
                  : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && current.change !== "moved" && (
        <DiffView
          original={stepDiffText(current.before)}
          modified={stepDiffText(current.after)}
          language={sample?.kind === "tool_call" ? "json" : detectLanguage(sample ? editableText(sample) : "")}
          height={wide ? "calc(100vh - 18rem)" : 280}
          sideBySide={wide}
          testId="step-diff"
        />
      )}
    </section>
  );
}
