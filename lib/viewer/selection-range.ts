/**
 * Maps a text selection in a rendered step back to offsets in the step's field text. Rendered
 * markdown differs from its source, so offsets in the DOM are useless; the selected string is
 * looked up in the source instead, and when it occurs several times the one with as many
 * occurrences before it in the rendered text as in the selection is taken.
 */
export function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

export function locateSelection(
  fieldText: string,
  selected: string,
  occurrencesBefore: number,
): { start: number; end: number } | null {
  const needle = selected.trim();
  if (!needle) return null;
  const found = occurrences(fieldText, needle);
  if (found.length === 0) return null;
  const start = found[Math.min(Math.max(0, occurrencesBefore), found.length - 1)];
  return { start, end: start + needle.length };
}

/** Annotation quotes are shown shortened in lists. */
export function shortQuote(quote: string, max = 120): string {
  const one = quote.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
