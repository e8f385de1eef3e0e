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
  /** Jump to the other half of a call/result pair. */
  jump(key: string): void;
  /** Open the keyboard menu of this step's actions. */
  menu(key: string): void;
}

/** The other half of a tool call/result pair (matched by call id in the whole list). */
export interface StepPair {
  key: string;
  ordinal: number;
  /** What the other half is. */
  role: "call" | "result";
  toolName: string | null;
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
  pair: StepPair | null;
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
  const errorSource = body?.kind === "tool_result" ? (body.errorSource ?? "source") : null;
  const pair = p.pair;
  // A result right under its call reads as one unit: the two cards join.
  const joined = pair && pair.role === "call" && pair.ordinal === row.ordinal - 1;
  const editors = p.viewers.filter((v) => v.editingKey === row.key);
  return (
    <article
      data-testid="step"
      data-step-key={row.key}
      data-kind={row.kind}
      data-status={row.status}
      data-focused={p.focused ? "true" : undefined}
      data-loaded={body ? "true" : "false"}
      onClick={() => p.onFocus(row.key)}
      data-paired={pair ? pair.role : undefined}
      className={`group mx-2 rounded-md border border-zinc-200 border-l-4 px-3 py-2 dark:border-zinc-800 ${joined ? "mt-0 mb-1.5 rounded-t-none" : "my-1.5"} ${KIND_CARD[row.kind]} ${p.focused ? "outline-2 outline-indigo-500" : ""} ${deleted ? "opacity-50" : ""}`}
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
        {row.isError && (
          <span data-testid="error-badge" data-error-source={errorSource ?? undefined}>
            {errorSource === "detected" ? (
              <span title="The source has no error flag here; the output reads as a failure (text heuristic)">
                <Badge tone="amber">failure detected</Badge>
              </span>
            ) : errorSource === "flagged" ? (
              <span title="A person flagged this result as failed in an edit">
                <Badge tone="red">error · flagged</Badge>
              </span>
            ) : (
              <Badge tone="red">error</Badge>
            )}
          </span>
        )}
        {!row.isError && errorSource === "flagged" && (
          <span data-testid="error-badge" data-error-source="cleared" title="A person cleared this result's error flag">
            <Badge>error cleared</Badge>
          </span>
        )}
        {pair && (
          <button
            type="button"
            data-testid={pair.role === "result" ? "jump-to-result" : "jump-to-call"}
            onClick={(e) => {
              e.stopPropagation();
              p.actions.jump(pair.key);
            }}
            className="rounded px-1 font-mono text-indigo-700 hover:bg-indigo-50 hover:underline dark:text-indigo-300 dark:hover:bg-indigo-950"
            title={pair.role === "result" ? "Go to this call's result (p)" : "Go to the call of this result (p)"}
          >
            {pair.role === "result" ? `→ result #${pair.ordinal}` : `← call #${pair.ordinal}`}
          </button>
        )}
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
        {p.viewers
          .filter((v) => v.stepKey === row.key && v.editingKey !== row.key)
          .map((v) => (
            <span
              key={v.userId}
              data-testid="step-viewer"
              title={`${v.name} is here`}
              className="rounded-full bg-emerald-700 px-1.5 text-[10px] font-semibold text-white"
            >
              {v.name}
            </span>
          ))}
        {editors.map((v) => (
          <span
            key={v.userId}
            data-testid="step-editor-presence"
            title={`${v.name} has this step open in the editor`}
            className="rounded-full bg-amber-700 px-1.5 text-[10px] font-semibold text-white"
          >
            {v.name} is editing
          </span>
        ))}
        {/* Shown on hover, on keyboard focus inside the card and on the focused step; all of them
            are also in the step's menu ("." or the ⋯ button). */}
        <span
          className="ml-auto flex flex-wrap gap-0.5 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 group-data-[focused=true]:opacity-100"
          data-testid="step-actions-row"
        >
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
        <ActionButton testId="step-menu" title="All actions of this step (.)" onClick={() => p.actions.menu(row.key)}>
          <span aria-hidden="true">⋯</span>
          <span className="sr-only">Actions of step #{row.ordinal}</span>
        </ActionButton>
      </header>
      <div className={deleted ? "line-through" : ""} data-testid="step-content">
        {body ? (
          <StepBody
            step={body}
            stepKey={row.key}
            expanded={p.expanded}
            onExpand={p.onExpand}
            colorTick={p.colorTick}
            pairedTool={pair?.toolName}
          />
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
