"use client";
/** One annotation: its label, anchor, comments, a reply box, and resolve/reopen. */
import { useState } from "react";
import { Badge, ErrorBox } from "@/components/ui/states";
import { shortQuote } from "@/lib/viewer/selection-range";
import type { Annotation } from "@/components/viewer/data/viewer-types";

export interface ThreadActions {
  comment(id: string, body: string): Promise<void>;
  setStatus(id: string, status: "open" | "resolved"): Promise<void>;
}

export function AnnotationThread({
  a,
  ordinal,
  canWrite,
  actions,
  onJump,
}: {
  a: Annotation;
  ordinal: number | null;
  canWrite: boolean;
  actions: ThreadActions;
  onJump: (key: string) => void;
}) {
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      data-testid="annotation"
      data-annotation-id={a.id}
      data-status={a.status}
      data-step-key={a.stepKey}
      className={`rounded border p-2 text-xs ${a.status === "resolved" ? "border-zinc-200 opacity-70 dark:border-zinc-800" : "border-amber-300 dark:border-amber-800"}`}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        {a.label && (
          <Badge tone={a.label === "great-feedback" || a.label === "key-decision" ? "green" : "red"}>{a.label}</Badge>
        )}
        {a.status === "resolved" && <Badge tone="green">resolved</Badge>}
        {a.outdated && (
          <span data-testid="annotation-outdated">
            <Badge tone="amber">outdated</Badge>
          </span>
        )}
        <button type="button" className="text-indigo-600 hover:underline" onClick={() => onJump(a.stepKey)}>
          {ordinal ? `step #${ordinal}` : `step ${a.stepKey} (not in this revision)`}
        </button>
        <span className="ml-auto text-zinc-400">{a.author ?? "someone"}</span>
      </div>
      {a.quote && (
        <blockquote className="mt-1 border-l-2 border-amber-400 pl-2 italic text-zinc-600 dark:text-zinc-400">
          {shortQuote(a.quote, 200)}
        </blockquote>
      )}
      <ul className="mt-1 space-y-1">
        {a.comments.map((c) => (
          <li key={c.id} data-testid="annotation-comment-item" className="whitespace-pre-wrap break-words">
            <span className="font-medium">{c.author ?? "someone"}:</span> {c.body}
          </li>
        ))}
      </ul>
      {canWrite && (
        <div className="mt-1.5 space-y-1">
          <form
            className="flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                await actions.comment(a.id, reply);
                setReply("");
              });
            }}
          >
            <input
              data-testid="annotation-reply"
              aria-label="Reply"
              placeholder="Reply"
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              className="flex-1 rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
            />
            <button
              type="submit"
              data-testid="annotation-reply-send"
              disabled={busy || !reply.trim()}
              className="rounded bg-indigo-600 px-2 text-white disabled:opacity-50"
            >
              Reply
            </button>
          </form>
          <button
            type="button"
            data-testid={a.status === "open" ? "annotation-resolve" : "annotation-reopen"}
            disabled={busy}
            onClick={() => void run(() => actions.setStatus(a.id, a.status === "open" ? "resolved" : "open"))}
            className="text-indigo-600 hover:underline"
          >
            {a.status === "open" ? "Resolve" : "Reopen"}
          </button>
        </div>
      )}
      {error && <ErrorBox error={new Error(error)} />}
    </li>
  );
}
