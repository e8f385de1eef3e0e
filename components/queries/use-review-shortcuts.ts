"use client";
import { REVIEW_BINDINGS, type ReviewAction } from "@/components/queries/review-shortcuts";
import { usePageKeys } from "@/components/ui/use-page-keys";

/** Binds the query review's keys (lib/keymap "queries") to handlers; a missing handler leaves its key alone. */
export function useReviewShortcuts(handlers: Partial<Record<ReviewAction, () => void>>, enabled = true) {
  const byBinding: Partial<Record<string, () => void>> = {};
  for (const [action, run] of Object.entries(handlers)) byBinding[REVIEW_BINDINGS[action as ReviewAction]] = run;
  usePageKeys("queries", byBinding, enabled);
}
