"use client";
/**
 * One annotation: its label, anchor, comments with their times, a reply box, resolve/reopen; its
 * author changes the label and their comments and deletes them, a lead deletes any (the server
 * decides: lib/trajectory/annotation-policy; these controls only hide what would be refused).
 */
import { useState } from "react";
import { Badge, ErrorBox } from "@/components/ui/states";
import { DateTime } from "@/components/ui/date-time";
import { shortQuote } from "@/lib/viewer/selection-range";
import type { Annotation, AnnotationComment } from "@/components/viewer/data/viewer-types";

export interface ThreadActions {
  comment(id: string, body: string): Promise<void>;
  setStatus(id: string, status: "open" | "resolved"): Promise<void>;
  setLabel(id: string, label: string | null): Promise<void>;
  remove(id: string): Promise<void>;
  editComment(id: string, commentId: string, body: string): Promise<void>;
  removeComment(id: string, commentId: string): Promise<void>;
}

export interface ThreadPeople {
  meId: string;
  /** annotation.moderate: may delete anyone's. */
  canModerate: boolean;
}

const LINK = "text-indigo-700 hover:underline disabled:opacity-50 dark:text-indigo-300";
const INPUT = "rounded border border-zinc-300 px-1.5 py-0.5 dark:border-zinc-700 dark:bg-zinc-900";

function CommentItem({
  c,
  mine,
  canDelete,
  busy,
  onSave,
  onDelete,
}: {
  c: AnnotationComment;
  mine: boolean;
  canDelete: boolean;
  busy: boolean;
  onSave: (body: string) => Promise<boolean>;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <li data-testid="annotation-comment-item" data-comment-id={c.id} className="group/comment">
      <div className="flex items-baseline gap-1.5 text-zinc-600 dark:text-zinc-400">
        <span className="font-medium text-zinc-800 dark:text-zinc-200">{c.author ?? "someone"}</span>
        <span data-testid="comment-time">
          <DateTime value={c.createdAt} />
        </span>
        {mine && editing === null && (
          <button type="button" data-testid="comment-edit" className={LINK} onClick={() => setEditing(c.body)}>
            Edit
          </button>
        )}
        {canDelete && editing === null && (
          <button type="button" data-testid="comment-delete" className={LINK} disabled={busy} onClick={onDelete}>
            Delete
          </button>
        )}
      </div>
      {editing === null ? (
        <div className="whitespace-pre-wrap break-words">{c.body}</div>
      ) : (
        <form
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            void onSave(editing).then((ok) => ok && setEditing(null));
          }}
        >
          <input
            data-testid="comment-edit-input"
            aria-label="Edit your comment"
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
            className={`flex-1 ${INPUT}`}
            autoFocus
          />
          <button type="submit" data-testid="comment-edit-save" disabled={busy || !editing.trim()} className={LINK}>
            Save
          </button>
          <button type="button" className={LINK} onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}

export function AnnotationThread({
  a,
  ordinal,
  canWrite,
  actions,
  onJump,
  people,
  labels,
}: {
  a: Annotation;
  ordinal: number | null;
  canWrite: boolean;
  actions: ThreadActions;
  onJump: (key: string) => void;
  people: ThreadPeople;
  labels: readonly string[];
}) {
  const [reply, setReply] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const run = async (fn: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const mine = a.authorId !== null && a.authorId === people.meId;
  const mayDelete = canWrite && (mine || people.canModerate);
  return (
    <li
      data-testid="annotation"
      data-annotation-id={a.id}
      data-status={a.status}
      data-step-key={a.stepKey}
      className={`rounded border p-2 text-xs ${a.status === "resolved" ? "border-zinc-200 opacity-70 dark:border-zinc-800" : "border-amber-300 dark:border-amber-800"}`}
    >
      <div className="flex flex-wrap items-center gap-1.5">
        {canWrite && mine ? (
          <select
            data-testid="annotation-label-edit"
            aria-label="Label"
            value={a.label ?? ""}
            disabled={busy}
            onChange={(e) => void run(() => actions.setLabel(a.id, e.target.value || null))}
            className={INPUT}
          >
            <option value="">no label</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        ) : (
          a.label && (
            <Badge tone={a.label === "great-feedback" || a.label === "key-decision" ? "green" : "red"}>{a.label}</Badge>
          )
        )}
        {a.status === "resolved" && <Badge tone="green">resolved</Badge>}
        {a.outdated && (
          <span data-testid="annotation-outdated">
            <Badge tone="amber">outdated</Badge>
          </span>
        )}
        <button type="button" className={LINK} onClick={() => onJump(a.stepKey)}>
          {ordinal ? `step #${ordinal}` : "a step not in this revision"}
        </button>
        <span className="ml-auto text-zinc-600 dark:text-zinc-400">
          {a.author ?? "someone"} · <DateTime value={a.createdAt} />
        </span>
      </div>
      {a.quote && (
        <blockquote className="mt-1 border-l-2 border-amber-400 pl-2 italic text-zinc-600 dark:text-zinc-400">
          {shortQuote(a.quote, 200)}
        </blockquote>
      )}
      <ul className="mt-1 space-y-1">
        {a.comments.map((c) => {
          const own = c.authorId !== null && c.authorId === people.meId;
          return (
            <CommentItem
              key={c.id}
              c={c}
              mine={canWrite && own}
              canDelete={canWrite && (own || people.canModerate)}
              busy={busy}
              onSave={(body) => run(() => actions.editComment(a.id, c.id, body))}
              onDelete={() => void run(() => actions.removeComment(a.id, c.id))}
            />
          );
        })}
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
              className={`flex-1 ${INPUT}`}
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
          <div className="flex gap-3">
            <button
              type="button"
              data-testid={a.status === "open" ? "annotation-resolve" : "annotation-reopen"}
              disabled={busy}
              onClick={() => void run(() => actions.setStatus(a.id, a.status === "open" ? "resolved" : "open"))}
              className={LINK}
            >
              {a.status === "open" ? "Resolve" : "Reopen"}
            </button>
            {mayDelete &&
              (confirmDelete ? (
                <span className="flex gap-2">
                  <span>Delete this annotation and its comments?</span>
                  <button
                    type="button"
                    data-testid="annotation-delete-confirm"
                    disabled={busy}
                    onClick={() => void run(() => actions.remove(a.id))}
                    className="font-medium text-red-700 hover:underline dark:text-red-300"
                  >
                    Delete
                  </button>
                  <button type="button" className={LINK} onClick={() => setConfirmDelete(false)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  data-testid="annotation-delete"
                  onClick={() => setConfirmDelete(true)}
                  className={LINK}
                >
                  Delete
                </button>
              ))}
          </div>
        </div>
      )}
      {error && <ErrorBox error={new Error(error)} />}
    </li>
  );
}
