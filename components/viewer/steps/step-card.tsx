"use client";
/** One step in the list: its kind, tokens and badges, its body (or preview while the body loads), and its actions. */
import { memo, useDeferredValue, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/states";
import type { ParsedStep } from "@/lib/viewer/types";
import { INSERTABLE_KINDS, type InsertableKind } from "@/lib/viewer/step-text";
import { KIND_CARD, KIND_LABEL } from "@/components/viewer/steps/kind-style";
import { StepBody } from "@/components/viewer/steps/step-body";
import type { ViewRow } from "@/components/viewer/steps/view-row";
import type { Viewer } from "@/components/viewer/data/viewer-types";

export interface StepActions {
  edit(key: string): void;
  insertAfter(key: string, kind: InsertableKind): void;
  move(key: string, dir: -1 | 1): void;
  remove(key: string): void;
  restore(key: string): void;
  annotate(key: string): void;
  inspect(key: string): void;
}

export interface StepCardProps {
  row: ViewRow;
  body: ParsedStep | undefined;
  bodyError: string | undefined;
  onRetry: (id: string) => void;
  focused: boolean;
  expanded: boolean;
  onExpand: (key: string) => void;
  onFocus: (key: string) => void;
  canEdit: boolean;
  canAnnotate: boolean;
  actions: StepActions;
  annotationCount: number;
  viewers: Viewer[];
  matches: number;
  colorTick: number;
  /** Render the body in a deferred (interruptible) pass; off for the first screen. */
  deferBody: boolean;
}

const fmt = new Intl.NumberFormat("en");

function ActionButton({
  children,
  onClick,
  testId,
  title,
}: {
  children: ReactNode;
  onClick: () => void;
  testId: string;
  title?: string;
}) {
  return (
    <button
      type="button"
      data-testid={testId}
      title={title}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
      className="rounded px-1.5 py-0.5 text-xs text-zinc-600 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-700"
    >
      {children}
    </button>
  );
}

/** "Insert after": a corrective human note, an assistant summary or a system note. */
function InsertMenu({ onPick }: { onPick: (k: InsertableKind) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="relative">
      <ActionButton testId="step-insert" title="Insert a step after this one" onClick={() => setOpen(!open)}>
        + Insert
      </ActionButton>
      {open && (
        <span className="absolute right-0 z-10 mt-1 flex flex-col rounded border border-zinc-200 bg-white shadow dark:border-zinc-700 dark:bg-zinc-900">
          {INSERTABLE_KINDS.map((k) => (
            <ActionButton
              key={k}
              testId={`step-insert-${k}`}
              onClick={() => {
                setOpen(false);
                onPick(k);
              }}
            >
              {k} step
            </ActionButton>
          ))}
        </span>
      )}
    </span>
  );
}

export const StepCard = memo(function StepCard(p: StepCardProps) {
  const { row } = p;
  // Once the page is ready, a row shows its preview first and renders its body in a background
  // render React can interrupt: a fast scroll mounts many rows a frame, and their markdown and
  // language detection must not add up to a dropped frame.
  const body = useDeferredValue(p.body, p.deferBody ? undefined : p.body);
  const deleted = row.status === "deleted";
  const name = body && (body.kind === "tool_call" || body.kind === "tool_result") ? body.name : row.entry?.toolName;
  const truncated = body ? body.kind === "tool_result" && body.truncated : row.entry?.truncated;
  const orphan = body ? "orphan" in body && body.orphan : row.entry?.orphan;
  return (
    <article
      data-testid="step"
      data-step-key={row.key}
      data-kind={row.kind}
      data-status={row.status}
      data-focused={p.focused ? "true" : undefined}
      data-loaded={body ? "true" : "false"}
      onClick={() => p.onFocus(row.key)}
      className={`group mx-2 my-1.5 rounded-md border border-zinc-200 border-l-4 px-3 py-2 dark:border-zinc-800 ${KIND_CARD[row.kind]} ${p.focused ? "outline-2 outline-indigo-500" : ""} ${deleted ? "opacity-50" : ""}`}
    >
      <header className="mb-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500">
        <span className="font-mono text-zinc-400">#{row.ordinal}</span>
        <span
          className={`font-semibold uppercase tracking-wide ${row.kind === "human" ? "text-amber-700 dark:text-amber-400" : "text-zinc-700 dark:text-zinc-300"}`}
        >
          {KIND_LABEL[row.kind]}
        </span>
        {name && (
          <code
            className="rounded bg-zinc-100 px-1 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"
            data-testid="tool-name"
          >
            {name}
          </code>
        )}
        <span data-testid="step-tokens" title="tokens under the project's tokenizer">
          {fmt.format(row.tokens)} tok
        </span>
        {row.isError && <Badge tone="red">error</Badge>}
        {truncated && <Badge tone="amber">truncated</Badge>}
        {orphan && <Badge tone="amber">orphan</Badge>}
        {row.entry?.sidechain && <Badge>sub-agent</Badge>}
        {row.status === "updated" && <Badge tone="indigo">edited</Badge>}
        {row.status === "inserted" && <Badge tone="green">inserted</Badge>}
        {deleted && <Badge tone="red">deleted</Badge>}
        {row.moved && <Badge tone="indigo">moved</Badge>}
        {p.annotationCount > 0 && (
          <Badge tone="amber">
            {p.annotationCount} note{p.annotationCount === 1 ? "" : "s"}
          </Badge>
        )}
        {p.matches > 0 && (
          <Badge tone="indigo">
            {p.matches} match{p.matches === 1 ? "" : "es"}
          </Badge>
        )}
        {p.viewers.map((v) => (
          <span
            key={v.userId}
            data-testid="step-viewer"
            title={`${v.name} is here`}
            className="rounded-full bg-emerald-600 px-1.5 text-[10px] font-semibold text-white"
          >
            {v.name}
          </span>
        ))}
        <span className="ml-auto flex flex-wrap gap-0.5">
          {body && (
            <ActionButton
              testId="step-inspect"
              title="Open in the editor, read-only"
              onClick={() => p.actions.inspect(row.key)}
            >
              Open
            </ActionButton>
          )}
          {p.canAnnotate && !deleted && (
            <ActionButton testId="step-annotate" onClick={() => p.actions.annotate(row.key)}>
              Annotate
            </ActionButton>
          )}
          {p.canEdit && !deleted && (
            <>
              <ActionButton testId="step-edit" title="Edit (e)" onClick={() => p.actions.edit(row.key)}>
                Edit
              </ActionButton>
              <ActionButton testId="step-move-up" title="Move up" onClick={() => p.actions.move(row.key, -1)}>
                ↑
              </ActionButton>
              <ActionButton testId="step-move-down" title="Move down" onClick={() => p.actions.move(row.key, 1)}>
                ↓
              </ActionButton>
              <InsertMenu onPick={(k) => p.actions.insertAfter(row.key, k)} />
              <ActionButton testId="step-delete" onClick={() => p.actions.remove(row.key)}>
                Delete
              </ActionButton>
            </>
          )}
          {p.canEdit && deleted && (
            <ActionButton testId="step-restore" onClick={() => p.actions.restore(row.key)}>
              Restore
            </ActionButton>
          )}
        </span>
      </header>
      <div className={deleted ? "line-through" : ""} data-testid="step-content">
        {body ? (
          <StepBody step={body} stepKey={row.key} expanded={p.expanded} onExpand={p.onExpand} colorTick={p.colorTick} />
        ) : p.bodyError ? (
          <div role="alert" className="text-sm text-red-700 dark:text-red-300">
            This step could not be loaded: {p.bodyError}{" "}
            <button type="button" className="underline" onClick={() => row.entry && p.onRetry(row.entry.id)}>
              Try again
            </button>
          </div>
        ) : (
          <div className="whitespace-pre-wrap break-words text-sm text-zinc-400" data-testid="step-preview">
            {row.entry?.preview}
          </div>
        )}
      </div>
    </article>
  );
});
