/**
 * Whether a key press on this element is someone typing, so single-key shortcuts must stay
 * quiet: form fields, contenteditable, and Monaco, whose input (0.57+) is a <div> with an
 * EditContext rather than a textarea, so neither the tag nor isContentEditable gives it away.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  return target.closest(".monaco-editor") !== null;
}
