/**
 * Keyboard shortcuts of the query review: `a` accept, `r` reject, `j`/`k` next/previous, `e` edit.
 * They never fire while the person types (inputs, text areas, selects, contenteditable, Monaco's
 * hidden text area), with a modifier held, or as the second key of the shell's `g` chords
 * (`g r` goes to Review; it must not also reject).
 */
export type ReviewAction = "accept" | "reject" | "next" | "previous" | "edit";

const KEYS: Record<string, ReviewAction> = { a: "accept", r: "reject", j: "next", k: "previous", e: "edit" };
export const REVIEW_SHORTCUTS: ReadonlyArray<{ key: string; action: ReviewAction }> = Object.entries(KEYS).map(
  ([key, action]) => ({ key, action }),
);

/** Matches the shell's chord window (components/shell/app-shell). */
export const CHORD_MS = 1000;

export interface KeyInfo {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  /** The event target's tag name, upper case as the DOM gives it. */
  targetTag: string;
  /** contenteditable, or inside a code editor (components/ui/typing-target). */
  targetEditable: boolean;
  /** An open dialog (e.g. the duplicate confirmation) takes the keys. */
  dialogOpen?: boolean;
}

const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function isTyping(k: Pick<KeyInfo, "targetTag" | "targetEditable">): boolean {
  return k.targetEditable || TYPING_TAGS.has(k.targetTag);
}

/**
 * The action for a key press, or null. `previous` is the last key pressed outside inputs and
 * when, so a key right after `g` is left to the shell.
 */
export function reviewShortcut(
  k: KeyInfo,
  previous: { key: string; at: number } | null,
  now: number,
): ReviewAction | null {
  if (k.ctrlKey || k.metaKey || k.altKey || k.repeat || k.dialogOpen || isTyping(k)) return null;
  if (previous?.key === "g" && now - previous.at < CHORD_MS) return null;
  return KEYS[k.key] ?? null;
}
