"use client";
/** The viewer's keys. Ignored while typing (inputs, text areas, Monaco, contenteditable) and with modifiers. */
import { useEffect, useRef } from "react";

export interface ShortcutHandlers {
  next(): void;
  prev(): void;
  search(): void;
  edit(): void;
  help(): void;
  escape(): void;
}

export const SHORTCUTS: Array<{ keys: string; what: string }> = [
  { keys: "j", what: "next step" },
  { keys: "k", what: "previous step" },
  { keys: "/", what: "search in this trajectory" },
  { keys: "Enter / Shift+Enter", what: "next / previous match (in the search box)" },
  { keys: "e", what: "edit the focused step" },
  { keys: "?", what: "show this sheet" },
  { keys: "Esc", what: "close the sheet or the editor" },
];

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  return target.closest(".monaco-editor") !== null;
}

export function useViewerShortcuts(handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        if (!isTyping(e.target)) ref.current.escape();
        return;
      }
      if (isTyping(e.target) || e.metaKey || e.ctrlKey || e.altKey) return;
      const h = ref.current;
      const map: Record<string, () => void> = { j: h.next, k: h.prev, "/": h.search, e: h.edit, "?": h.help };
      const fn = map[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
