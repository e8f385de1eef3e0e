"use client";
/**
 * The viewer's keys, as lib/keymap lists them for the "viewer" context. Ignored while typing
 * (inputs, text areas, Monaco, contenteditable) and with modifiers.
 */
import { useEffect, useRef } from "react";
import { isTypingTarget } from "@/components/ui/typing-target";
import { actionFor, bindingsFor } from "@/lib/keymap/keymap";

export interface ShortcutHandlers {
  next(): void;
  prev(): void;
  search(): void;
  edit(): void;
  annotate(): void;
  menu(): void;
  pair(): void;
  nextError(): void;
  prevError(): void;
  nextHuman(): void;
  prevHuman(): void;
  save(): void;
  help(): void;
  escape(): void;
}

/** The sheet's rows: the viewer's keys, plus the search box's own Enter keys. */
export const SHORTCUTS: Array<{ keys: string; what: string }> = [
  ...bindingsFor("viewer").map((b) => ({ keys: b.label, what: b.what })),
  { keys: "Enter / Shift+Enter", what: "next / previous match (in the search box)" },
];

export function useViewerShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        if (!isTypingTarget(e.target)) ref.current.escape();
        return;
      }
      const h = ref.current;
      // Saving works from inside fields too (the reason box is one): Ctrl/⌘+S never reaches the browser's "save page".
      if (actionFor("viewer", e)?.action === "draft.save") {
        if (
          isTypingTarget(e.target) &&
          !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
        )
          return;
        e.preventDefault();
        h.save();
        return;
      }
      if (isTypingTarget(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const byAction: Record<string, () => void> = {
        "step.next": h.next,
        "step.prev": h.prev,
        "search.open": h.search,
        "step.edit": h.edit,
        "step.annotate": h.annotate,
        "step.menu": h.menu,
        "step.pair": h.pair,
        "error.next": h.nextError,
        "error.prev": h.prevError,
        "human.next": h.nextHuman,
        "human.prev": h.prevHuman,
        help: h.help,
      };
      const b = actionFor("viewer", e);
      const fn = b && byAction[b.action];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
