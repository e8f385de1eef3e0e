"use client";
/**
 * The review form beside the viewer, keyboard-first (keys from lib/keymap's "review" context):
 * digits score the focused criterion, ↑/↓ move between criteria, a/r/c set the verdict, f marks the
 * focused step as the first error, m goes to the comment, Ctrl+Enter submits and opens the next
 * item. The claim is kept alive with a heartbeat while the form is open.
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { isTypingTarget } from "@/components/ui/typing-target";
import { ApiError, apiFetch } from "@/lib/http/client-fetch";
import { actionFor } from "@/lib/keymap/keymap";
import type { Criterion, Verdict } from "@/lib/review/rubric";
import { reviewApi, reviewUrl, type ClaimResponse } from "@/components/review/review-api";

const VERDICT_LABEL: Record<Verdict, string> = { accept: "Accept", reject: "Reject", needs_changes: "Needs changes" };
const HEARTBEAT_MS = 60_000;

interface Props {
  slug: string;
  trajectoryId: string;
  head: number;
  claimId: string;
  rubric: Criterion[];
  focusedKey: string | null;
  ordinalOf: (key: string) => number | null;
  jumpToKey: (key: string) => void;
  onSubmitted: () => void;
}

export function ReviewForm(p: Props) {
  const router = useRouter();
  const api = reviewApi(p.slug);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [criterion, setCriterion] = useState(0);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [firstError, setFirstError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const commentRef = useRef<HTMLTextAreaElement>(null);

  // Heartbeat while the page is open; a refused one means the claim is gone.
  useEffect(() => {
    const t = setInterval(() => {
      apiFetch(api.claim(p.trajectoryId, p.claimId), { method: "PATCH" }).catch((e: unknown) =>
        setError({ message: e instanceof ApiError ? e.message : "the claim could not be renewed" }),
      );
    }, HEARTBEAT_MS);
    return () => clearInterval(t);
  }, [api, p.trajectoryId, p.claimId]);

  // "Pick in the viewer": the next step focused (clicked or reached with j/k) becomes the first error.
  const pickFrom = useRef(p.focusedKey);
  useEffect(() => {
    if (picking && p.focusedKey && p.focusedKey !== pickFrom.current) {
      setFirstError(p.focusedKey);
      setPicking(false);
    }
  }, [picking, p.focusedKey]);

  const submit = async () => {
    if (busy) return;
    const missing = p.rubric.find((c) => scores[c.key] === undefined);
    if (!verdict) return setError({ message: "choose a verdict (a, r or c)", field: "verdict" });
    if (missing) return setError({ message: `score ${missing.label} first`, field: `scores.${missing.key}` });
    if (verdict !== "accept" && !comment.trim())
      return setError({ message: "a summary comment is required for reject and needs changes", field: "comment" });
    setBusy(true);
    setError(null);
    try {
      await apiFetch(api.reviews(p.trajectoryId), {
        method: "POST",
        json: {
          claimId: p.claimId,
          revisionNumber: p.head,
          verdict,
          scores,
          firstErrorStepKey: firstError,
          comment,
        },
      });
      p.onSubmitted();
      const next = await apiFetch<ClaimResponse>(api.next, { method: "POST" });
      router.push(next.claim ? reviewUrl(p.slug, next.claim.trajectoryId) : `/projects/${p.slug}/review?done=1`);
    } catch (e) {
      setError(
        e instanceof ApiError ? { message: e.message, field: e.field } : { message: "the review could not be saved" },
      );
      setBusy(false);
    }
  };

  const keys = useRef<(e: KeyboardEvent) => void>(() => undefined);
  const onKey = (e: KeyboardEvent) => {
    const b = actionFor("review", e);
    if (!b || b.context !== "review") return;
    if (isTypingTarget(e.target) && b.action !== "submit") return;
    if (document.querySelector("dialog[open]")) return;
    e.preventDefault();
    const c = p.rubric[criterion];
    switch (b.action) {
      case "score.set": {
        const n = e.key === "0" ? 10 : Number(e.key);
        if (c && n >= c.min && n <= c.max) {
          setScores((s) => ({ ...s, [c.key]: n }));
          setCriterion((i) => Math.min(i + 1, p.rubric.length - 1));
        } else if (c) setError({ message: `${c.label} is scored ${c.min}–${c.max}`, field: `scores.${c.key}` });
        return;
      }
      case "criterion.next":
        return setCriterion((i) => Math.min(i + 1, p.rubric.length - 1));
      case "criterion.prev":
        return setCriterion((i) => Math.max(i - 1, 0));
      case "verdict.accept":
        return setVerdict("accept");
      case "verdict.reject":
        return setVerdict("reject");
      case "verdict.changes":
        return setVerdict("needs_changes");
      case "firstError.mark":
        return setFirstError((k) => (k === p.focusedKey ? null : p.focusedKey));
      case "comment.focus":
        return commentRef.current?.focus();
      case "submit":
        return void submit();
    }
  };
  useEffect(() => {
    keys.current = onKey;
  });
  useEffect(() => {
    const on = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener("keydown", on);
    return () => window.removeEventListener("keydown", on);
  }, []);

  const firstOrdinal = firstError ? p.ordinalOf(firstError) : null;
  return (
    <form
      className="space-y-3 p-3 text-sm"
      data-testid="review-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="font-semibold">Your review of revision {p.head}</h3>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-zinc-500 uppercase">Scores (digits; ↑/↓ to move)</legend>
        <ul className="space-y-1">
          {p.rubric.map((c, i) => (
            <li
              key={c.key}
              data-testid={`criterion-${c.key}`}
              data-focused={i === criterion}
              className={`flex items-center justify-between gap-2 rounded px-2 py-1 ${
                i === criterion ? "bg-indigo-50 ring-1 ring-indigo-400 dark:bg-indigo-950" : ""
              } ${error?.field === `scores.${c.key}` ? "ring-1 ring-red-500" : ""}`}
              onClick={() => setCriterion(i)}
              title={c.description}
            >
              <span>{c.label}</span>
              <span className="flex gap-0.5" role="radiogroup" aria-label={c.label}>
                {Array.from({ length: c.max - c.min + 1 }, (_, j) => c.min + j).map((n) => (
                  <button
                    key={n}
                    type="button"
                    role="radio"
                    aria-checked={scores[c.key] === n}
                    onClick={() => setScores((s) => ({ ...s, [c.key]: n }))}
                    className={`h-6 w-6 rounded text-xs ${
                      scores[c.key] === n
                        ? "bg-indigo-600 text-white"
                        : "border border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300"
                    }`}
                  >
                    {n}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-zinc-500 uppercase">Verdict</legend>
        <div className="flex gap-1" role="radiogroup" aria-label="Verdict">
          {(["accept", "reject", "needs_changes"] as const).map((v, i) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={verdict === v}
              data-testid={`verdict-${v}`}
              onClick={() => setVerdict(v)}
              className={`flex-1 rounded px-2 py-1 ${
                verdict === v
                  ? v === "accept"
                    ? "bg-emerald-600 text-white"
                    : v === "reject"
                      ? "bg-red-600 text-white"
                      : "bg-amber-500 text-white"
                  : "border border-zinc-300 dark:border-zinc-700"
              }`}
            >
              {VERDICT_LABEL[v]} <kbd className="ml-1 text-xs opacity-70">{["a", "r", "c"][i]}</kbd>
            </button>
          ))}
        </div>
      </fieldset>
      <div>
        <div className="mb-1 text-xs font-medium text-zinc-500 uppercase">First error step (optional)</div>
        <div className="flex flex-wrap items-center gap-2">
          <span data-testid="first-error">
            {firstError ? (
              <button type="button" className="text-indigo-600 hover:underline" onClick={() => p.jumpToKey(firstError)}>
                Step #{firstOrdinal ?? "?"}
              </button>
            ) : (
              <span className="text-zinc-500">none</span>
            )}
          </span>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              pickFrom.current = p.focusedKey;
              setPicking((x) => !x);
            }}
          >
            {picking ? "Click a step…" : "Pick in the viewer"}
          </Button>
          {firstError && (
            <Button type="button" variant="ghost" onClick={() => setFirstError(null)}>
              Clear
            </Button>
          )}
        </div>
        <p className="mt-1 text-xs text-zinc-500">Or press f on the focused step.</p>
      </div>
      <label className="block">
        <span className="mb-1 block text-xs font-medium text-zinc-500 uppercase">
          Summary comment {verdict && verdict !== "accept" ? "(required)" : "(optional)"}
        </span>
        <textarea
          ref={commentRef}
          data-testid="review-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && e.currentTarget.blur()}
          rows={3}
          maxLength={10_000}
          className={`w-full rounded border bg-white p-2 dark:bg-zinc-950 ${
            error?.field === "comment" ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"
          }`}
        />
      </label>
      {error && (
        <p role="alert" className="text-red-600" data-testid="review-error">
          {error.message}
        </p>
      )}
      <Button type="submit" disabled={busy} data-testid="review-submit" className="w-full">
        {busy ? "Submitting…" : "Submit and next (Ctrl+Enter)"}
      </Button>
    </form>
  );
}
