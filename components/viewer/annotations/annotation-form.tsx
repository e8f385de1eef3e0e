"use client";
/** A new annotation on a step or a range of its text: a label from the project's set and/or a comment. */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorBox } from "@/components/ui/states";
import { shortQuote } from "@/lib/viewer/selection-range";
import type { NewAnnotation } from "@/components/viewer/annotations/use-annotation-actions";

export function AnnotationForm({
  target,
  ordinal,
  labels,
  onCreate,
  onCancel,
}: {
  target: NewAnnotation;
  ordinal: number;
  labels: string[];
  onCreate: (label: string | null, comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState<string>(labels[0] ?? "");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      data-testid="annotation-form"
      className="space-y-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-800 dark:bg-amber-950/40"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onCreate(label || null, comment);
        } catch (err) {
          // The form stays filled so nothing typed is lost.
          setError(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <div className="text-xs text-zinc-600 dark:text-zinc-400">
        Step #{ordinal}
        {target.quote ? (
          <>
            {" "}
            · {target.field}: <q data-testid="annotation-form-quote">{shortQuote(target.quote)}</q>
          </>
        ) : (
          " · whole step"
        )}
      </div>
      <select
        data-testid="annotation-label"
        aria-label="Label"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
        className="w-full rounded border border-zinc-300 px-1.5 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        <option value="">(no label)</option>
        {labels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </select>
      <textarea
        data-testid="annotation-comment"
        aria-label="Comment"
        placeholder="Comment (optional with a label)"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        rows={3}
        className="w-full rounded border border-zinc-300 px-1.5 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      />
      {error && <ErrorBox error={new Error(error)} />}
      <div className="flex gap-2">
        <Button type="submit" data-testid="annotation-create" disabled={busy}>
          Add annotation
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
