"use client";
/** Every annotation of the trajectory, with filters; the form for a new one on top when composing. */
import { useMemo, useState } from "react";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import type { AnnotationsResponse } from "@/components/viewer/data/viewer-types";
import { AnnotationForm } from "@/components/viewer/annotations/annotation-form";
import {
  AnnotationThread,
  type ThreadActions,
  type ThreadPeople,
} from "@/components/viewer/annotations/annotation-thread";
import type { NewAnnotation } from "@/components/viewer/annotations/use-annotation-actions";

interface Props {
  data: AnnotationsResponse | undefined;
  pending: boolean;
  error: unknown;
  retry: () => void;
  ordinalOf: (key: string) => number | null;
  canWrite: boolean;
  people: ThreadPeople;
  composing: NewAnnotation | null;
  onCreate: (label: string | null, comment: string) => Promise<void>;
  onCancelCompose: () => void;
  actions: ThreadActions;
  onJump: (key: string) => void;
  focusedKey: string | null;
}

export function AnnotationPanel(p: Props) {
  const [label, setLabel] = useState("");
  const [status, setStatus] = useState<"open" | "resolved" | "all">("all");
  const [onlyFocused, setOnlyFocused] = useState(false);
  const [onlyOutdated, setOnlyOutdated] = useState(false);
  const list = useMemo(
    () =>
      (p.data?.annotations ?? []).filter(
        (a) =>
          (!label || a.label === label) &&
          (status === "all" || a.status === status) &&
          (!onlyFocused || a.stepKey === p.focusedKey) &&
          (!onlyOutdated || a.outdated),
      ),
    [p.data, label, status, onlyFocused, onlyOutdated, p.focusedKey],
  );
  return (
    <div className="space-y-2 p-3" data-testid="annotation-panel">
      <h2 className="text-sm font-semibold">Annotations</h2>
      {p.composing && p.data && (
        <AnnotationForm
          key={`${p.composing.stepKey}-${p.composing.start ?? "all"}`}
          target={p.composing}
          ordinal={p.ordinalOf(p.composing.stepKey) ?? 0}
          labels={p.data.labels}
          onCreate={p.onCreate}
          onCancel={p.onCancelCompose}
        />
      )}
      <div className="flex flex-wrap gap-1.5 text-xs">
        <select
          data-testid="annotation-filter-label"
          aria-label="Filter by label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          className="rounded border border-zinc-300 px-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">all labels</option>
          {p.data?.labels.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <select
          data-testid="annotation-filter-status"
          aria-label="Filter by status"
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          className="rounded border border-zinc-300 px-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="all">open and resolved</option>
          <option value="open">open</option>
          <option value="resolved">resolved</option>
        </select>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={onlyFocused} onChange={(e) => setOnlyFocused(e.target.checked)} /> focused
          step
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={onlyOutdated} onChange={(e) => setOnlyOutdated(e.target.checked)} /> outdated
        </label>
      </div>
      {p.pending && <Spinner label="Loading annotations" />}
      {p.error ? <ErrorBox error={p.error} retry={p.retry} /> : null}
      {p.data && list.length === 0 && (
        <EmptyState title={p.data.annotations.length ? "No annotation matches the filters" : "No annotations yet"}>
          {p.canWrite ? "Select text in a step, or use a step's Annotate button." : undefined}
        </EmptyState>
      )}
      <ul className="space-y-2" data-testid="annotation-list">
        {list.map((a) => (
          <AnnotationThread
            key={a.id}
            a={a}
            ordinal={p.ordinalOf(a.stepKey)}
            canWrite={p.canWrite}
            actions={p.actions}
            onJump={p.onJump}
            people={p.people}
            labels={p.data?.labels ?? []}
          />
        ))}
      </ul>
    </div>
  );
}
