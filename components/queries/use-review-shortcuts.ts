"use client";
import { useEffect, useRef } from "react";
import { reviewShortcut, type ReviewAction } from "@/components/queries/review-shortcuts";
import { isTypingTarget } from "@/components/ui/typing-target";

/** Binds the review keys (review-shortcuts.ts) to handlers; a missing handler leaves its key alone. */
export function useReviewShortcuts(handlers: Partial<Record<ReviewAction, () => void>>, enabled = true) {
  // The latest handlers without re-binding the listener on every render.
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    let previous: { key: string; at: number } | null = null;
    const onKey = (e: KeyboardEvent) => {
      const typing = isTypingTarget(e.target);
      const info = {
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        repeat: e.repeat,
        targetTag: e.target instanceof HTMLElement ? e.target.tagName : "",
        targetEditable: typing,
        dialogOpen: document.querySelector("dialog[open]") !== null,
      };
      const action = reviewShortcut(info, previous, Date.now());
      // Only keys the shell's chords could see count as "previous" (it ignores typing too).
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey) previous = { key: e.key, at: Date.now() };
      const run = action ? ref.current[action] : undefined;
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
