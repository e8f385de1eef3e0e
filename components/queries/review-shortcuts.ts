/**
 * Keyboard shortcuts of the query review, as lib/keymap lists them for the "queries" context:
 * `a` accept, `r` reject, `j`/`k` next/previous, `e` edit, `?` the shortcut sheet. When they stay
 * quiet (typing, modifiers, dialogs, after the shell's `g`) is lib/keymap/page-keys.
 */
import { pageKey, type KeyInfo } from "@/lib/keymap/page-keys";

export type { KeyInfo } from "@/lib/keymap/page-keys";
export { CHORD_MS, isTyping } from "@/lib/keymap/page-keys";

export type ReviewAction = "accept" | "reject" | "next" | "previous" | "edit" | "help";

/** Each review action's binding in lib/keymap's "queries" context. */
export const REVIEW_BINDINGS: Record<ReviewAction, string> = {
  accept: "query.accept",
  reject: "query.reject",
  next: "query.next",
  previous: "query.prev",
  edit: "query.edit",
  help: "help",
};
const BY_BINDING = Object.fromEntries(Object.entries(REVIEW_BINDINGS).map(([a, b]) => [b, a as ReviewAction]));

/**
 * The action for a key press, or null. `previous` is the last key pressed outside inputs and
 * when, so a key right after `g` is left to the shell.
 */
export function reviewShortcut(
  k: KeyInfo,
  previous: { key: string; at: number } | null,
  now: number,
): ReviewAction | null {
  const b = pageKey("queries", k, previous, now);
  return (b && BY_BINDING[b.action]) ?? null;
}
