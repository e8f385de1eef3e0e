"use client";
/**
 * Binds a page's keys (lib/keymap, one context) to handlers by action name; an action without a
 * handler leaves its key alone. When keys stay quiet is lib/keymap/page-keys.
 */
import { useEffect, useRef } from "react";
import { isTypingTarget } from "@/components/ui/typing-target";
import type { KeyContext } from "@/lib/keymap/keymap";
import { pageKey } from "@/lib/keymap/page-keys";

export function usePageKeys(context: KeyContext, handlers: Partial<Record<string, () => void>>, enabled = true): void {
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
      const b = pageKey(
        context,
        {
          key: e.key,
          ctrlKey: e.ctrlKey,
          metaKey: e.metaKey,
          altKey: e.altKey,
          repeat: e.repeat,
          targetTag: e.target instanceof HTMLElement ? e.target.tagName : "",
          targetEditable: typing,
          dialogOpen: document.querySelector("dialog[open]") !== null,
        },
        previous,
        Date.now(),
      );
      // Only keys the shell's chords could see count as "previous" (it ignores typing too).
      if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey) previous = { key: e.key, at: Date.now() };
      const run = b ? ref.current[b.action] : undefined;
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [context, enabled]);
}
