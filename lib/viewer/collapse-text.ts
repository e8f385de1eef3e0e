/**
 * Long outputs are shown as a head with "show all". Cuts at whichever limit comes first (lines or
 * characters), at a line end when one is near, and says how much is hidden.
 */
export interface Collapsed {
  shown: string;
  collapsed: boolean;
  hiddenChars: number;
  hiddenLines: number;
}

export const COLLAPSE_LINES = 40;
export const COLLAPSE_CHARS = 4_000;
const SLACK_LINES = 3;
const SLACK_CHARS = 400;

/** Lines in a text; a final newline does not start another line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export function collapseText(text: string, maxLines = COLLAPSE_LINES, maxChars = COLLAPSE_CHARS): Collapsed {
  let cut = -1;
  // End of the maxLines-th line, if the text has more lines than that.
  let lineEnd = -1;
  for (let i = 0; i < maxLines; i++) {
    lineEnd = text.indexOf("\n", lineEnd + 1);
    if (lineEnd === -1) break;
  }
  if (lineEnd !== -1 && lineEnd < text.length - 1) cut = lineEnd;
  if (text.length > maxChars && (cut === -1 || cut > maxChars)) {
    const nl = text.lastIndexOf("\n", maxChars);
    cut = nl > maxChars * 0.6 ? nl : maxChars;
    // Cutting between the halves of a surrogate pair would show a broken character.
    const code = text.charCodeAt(cut - 1);
    if (cut === maxChars && code >= 0xd800 && code <= 0xdbff) cut--;
  }
  if (cut === -1) return { shown: text, collapsed: false, hiddenChars: 0, hiddenLines: 0 };
  const rest = text.slice(cut).replace(/^\n/, "");
  // Hiding a handful of lines behind a button costs the reader more than it saves.
  if (countLines(rest) <= SLACK_LINES && rest.length <= SLACK_CHARS)
    return { shown: text, collapsed: false, hiddenChars: 0, hiddenLines: 0 };
  return { shown: text.slice(0, cut), collapsed: true, hiddenChars: rest.length, hiddenLines: countLines(rest) };
}
