/**
 * When a single-key shortcut of a page fires (pure, browser-safe): never while the person types
 * (inputs, text areas, selects, contenteditable, Monaco), with Ctrl/⌘/Alt held (except the
 * keymap's own "Mod+" keys), on auto-repeat, under an open dialog, as the second key of the
 * shell's `g` chords (`g r` goes to Review; it must not also reject), nor Enter on a control that
 * Enter already activates (a link, a button).
 */
import { actionFor, type KeyBinding, type KeyContext } from "@/lib/keymap/keymap";

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
  /** An open dialog (a confirmation, the shortcut sheet) takes the keys. */
  dialogOpen?: boolean;
}

const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const ENTER_ACTIVATES = new Set(["A", "BUTTON", "SUMMARY"]);

export function isTyping(k: Pick<KeyInfo, "targetTag" | "targetEditable">): boolean {
  return k.targetEditable || TYPING_TAGS.has(k.targetTag);
}

/**
 * The binding a key press means on a page in `context`, or null. `previous` is the last key
 * pressed outside inputs and when, so a key right after `g` is left to the shell.
 */
export function pageKey(
  context: KeyContext,
  k: KeyInfo,
  previous: { key: string; at: number } | null,
  now: number,
): KeyBinding | null {
  if (k.altKey || k.repeat || k.dialogOpen || isTyping(k)) return null;
  if (previous?.key === "g" && now - previous.at < CHORD_MS) return null;
  if (k.key === "Enter" && !k.ctrlKey && !k.metaKey && ENTER_ACTIVATES.has(k.targetTag)) return null;
  // With Ctrl/⌘ held the key is "Mod+…", which only the keymap's Mod bindings match (Ctrl+R still reloads).
  return actionFor(context, k);
}
