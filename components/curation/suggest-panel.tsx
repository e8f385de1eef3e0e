"use client";
/** Suggest's proposals with their reasons; nothing joins the set until the lead accepts (all, or one by one). */
import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client-fetch";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorBox, Spinner } from "@/components/ui/states";
import { curationApi, kTokens, type SuggestResponse } from "@/components/curation/curation-api";

export function SuggestPanel({
  slug,
  setId,
  onClose,
  onAccept,
}: {
  slug: string;
  setId: string;
  onClose: () => void;
  onAccept: (ids: string[]) => Promise<unknown>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const s = useQuery({
    queryKey: ["curation", slug, "suggest", setId],
    queryFn: () => apiFetch<SuggestResponse>(curationApi(slug).suggest(setId), { method: "POST" }),
    gcTime: 0,
    staleTime: Infinity,
  });
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const pending = (s.data?.suggestions ?? []).filter((x) => !accepted.has(x.id));
  const accept = async (ids: string[]) => {
    setBusy(true);
    setError(null);
    try {
      await onAccept(ids);
      setAccepted(new Set([...accepted, ...ids]));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="suggest-h"
      data-testid="suggest-panel"
      className="m-auto max-h-[85vh] w-[min(56rem,95vw)] overflow-auto rounded-lg bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 id="suggest-h" className="text-base font-semibold">
            Suggestions
          </h2>
          {s.data && (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {s.data.suggestions.length} for {s.data.slotsLeft} open slots, under the quotas and the token rule.
              Diversity (mean pairwise distance over tools, domain and length) {s.data.diversity.before.toFixed(2)} →{" "}
              {s.data.diversity.after.toFixed(2)}.
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <Button
            onClick={() => void accept(pending.map((x) => x.id))}
            disabled={busy || !pending.length}
            data-testid="suggest-accept-all"
          >
            Accept all ({pending.length})
          </Button>
          <Button variant="secondary" onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {s.isPending ? (
        <Spinner label="Choosing" />
      ) : s.isError ? (
        <ErrorBox error={s.error} retry={() => void s.refetch()} />
      ) : s.data.suggestions.length === 0 ? (
        <EmptyState title="Nothing to suggest">
          The set is at its target, or no approved trajectory fits the remaining quotas and the token rule.
        </EmptyState>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="suggest-rows">
          {s.data.suggestions.map((x) => (
            <li key={x.id} className="flex items-start gap-3 py-2" data-testid="suggest-row">
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm font-medium">{x.title}</div>
                <div className="text-xs text-zinc-600 dark:text-zinc-400">
                  {x.domain ?? "no domain"} · {kTokens(x.tokens)} tokens
                </div>
                <ul className="mt-1 list-disc pl-5 text-xs text-zinc-700 dark:text-zinc-300">
                  {x.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </div>
              {accepted.has(x.id) ? (
                <span className="text-xs text-emerald-700 dark:text-emerald-300">added</span>
              ) : (
                <Button
                  variant="secondary"
                  disabled={busy}
                  onClick={() => void accept([x.id])}
                  aria-label={`Accept ${x.title}`}
                >
                  Accept
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </dialog>
  );
}
