"use client";
/**
 * Tool calls drawn for what they do (lib/viewer/tool-view): an edit as a line diff (jsdiff, a few
 * KB, instead of loading Monaco's diff editor for every card), a patch with its +/- lines coloured,
 * a shell command as a terminal line, a written file once. Text only, never HTML from the agent.
 */
import { diffLines } from "diff";
import { memo, useMemo } from "react";
import { Badge } from "@/components/ui/states";
import type { ToolView } from "@/lib/viewer/tool-view";

const LINE = "block whitespace-pre-wrap break-words px-2";
const ADDED = "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
const REMOVED = "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200";
// Scrollable blocks take the focus (tabIndex 0) so keyboard users can scroll them (WCAG, axe's
// scrollable-region-focusable).
const FRAME = "overflow-x-auto rounded border border-zinc-200 py-1 font-mono text-xs leading-5 dark:border-zinc-800";

function FileName({ file }: { file: string | null }) {
  return file ? (
    <div className="mb-0.5 truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={file}>
      {file}
    </div>
  ) : null;
}

const EditDiff = memo(function EditDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  return (
    <pre
      tabIndex={0}
      className={FRAME}
      data-testid="tool-diff"
      aria-label="Changes: removed lines start with −, added with +"
    >
      {parts.flatMap((p, i) =>
        p.value
          .replace(/\n$/, "")
          .split("\n")
          .map((line, j) => (
            <span
              key={`${i}-${j}`}
              className={`${LINE} ${p.added ? ADDED : p.removed ? REMOVED : ""}`}
              data-diff={p.added ? "added" : p.removed ? "removed" : "same"}
            >
              {p.added ? "+ " : p.removed ? "− " : "  "}
              {line}
            </span>
          )),
      )}
    </pre>
  );
});

function PatchView({ patch }: { patch: string }) {
  const lines = useMemo(() => patch.split("\n"), [patch]);
  return (
    <pre tabIndex={0} className={FRAME} data-testid="tool-diff">
      {lines.map((line, i) => {
        const tone =
          line.startsWith("+") && !line.startsWith("+++")
            ? ADDED
            : line.startsWith("-") && !line.startsWith("---")
              ? REMOVED
              : line.startsWith("***") || line.startsWith("@@")
                ? "font-semibold text-zinc-600 dark:text-zinc-400"
                : "";
        return (
          <span
            key={i}
            className={`${LINE} ${tone}`}
            data-diff={tone === ADDED ? "added" : tone === REMOVED ? "removed" : "same"}
          >
            {line || " "}
          </span>
        );
      })}
    </pre>
  );
}

export const TERMINAL =
  "overflow-x-auto whitespace-pre-wrap break-words rounded bg-zinc-900 p-2 font-mono text-xs leading-5 text-zinc-100 dark:bg-black";

export function ToolViewBlock({ view }: { view: ToolView }) {
  switch (view.kind) {
    case "edit":
      return (
        <div className="space-y-1" data-testid="tool-view" data-view="edit">
          <FileName file={view.file} />
          {view.edits.map((e, i) => (
            <EditDiff key={i} before={e.before} after={e.after} />
          ))}
        </div>
      );
    case "patch":
      return (
        <div data-testid="tool-view" data-view="patch">
          <FileName file={view.file} />
          <PatchView patch={view.patch} />
        </div>
      );
    case "shell":
      return (
        <div data-testid="tool-view" data-view="shell">
          {view.cwd && <div className="mb-0.5 font-mono text-xs text-zinc-600 dark:text-zinc-400">{view.cwd}</div>}
          <pre tabIndex={0} className={TERMINAL} data-testid="terminal-command">
            <span aria-hidden="true" className="select-none text-emerald-400">
              ${" "}
            </span>
            {view.command}
          </pre>
        </div>
      );
    case "write":
      return (
        <div data-testid="tool-view" data-view="write">
          <div className="mb-0.5 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
            <Badge tone="green">writes</Badge>
            <span className="truncate font-mono">{view.file ?? "a file"}</span>
          </div>
          <pre tabIndex={0} className={FRAME + " px-2"}>
            {view.content}
          </pre>
        </div>
      );
  }
}
