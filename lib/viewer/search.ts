/**
 * Search inside one trajectory: plain text or a regular expression, over each step's text. Steps
 * whose body has not loaded yet are searched through their 280-character preview; the caller
 * passes whichever text it has, so results grow as bodies arrive.
 */
import type { ParsedStep } from "@/lib/viewer/types";
import { formatArguments } from "@/lib/viewer/format-arguments";

export interface SearchOptions {
  regex: boolean;
  caseSensitive: boolean;
}

export type CompiledSearch = { re: RegExp; error: null } | { re: null; error: string | null };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An empty query compiles to nothing (no error); a broken pattern says what is wrong. */
export function compileSearch(query: string, opts: SearchOptions): CompiledSearch {
  if (query.length === 0) return { re: null, error: null };
  const flags = opts.caseSensitive ? "g" : "gi";
  if (!opts.regex) return { re: new RegExp(escapeRegExp(query), flags), error: null };
  try {
    return { re: new RegExp(query, flags), error: null };
  } catch (e) {
    return {
      re: null,
      error: e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : "invalid pattern",
    };
  }
}

/**
 * Start offsets of the matches of `re` (global) in `text`, at most `limit`. Empty matches (`x*`,
 * `^`) are skipped: there is nothing to show or jump to.
 */
export function matchOffsets(text: string, re: RegExp, limit = Infinity): number[] {
  const out: number[] = [];
  if (limit <= 0) return out;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      // An empty match would match again at the same place forever.
      if (re.lastIndex >= text.length) break;
      re.lastIndex++;
      continue;
    }
    out.push(m.index);
    if (out.length >= limit) break;
  }
  re.lastIndex = 0;
  return out;
}

export interface SearchHit {
  /** Position in the list that was searched (the visible steps). */
  position: number;
  /** Which match inside that step (0-based). */
  occurrence: number;
  /** Offset of the match in the step's search text. */
  offset: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matches per searched position; positions without matches are absent. */
  perPosition: Map<number, number>;
  /** True when the limit cut the list short. */
  capped: boolean;
}

export const MAX_HITS = 10_000;

/** Every match in `count` items, in order; `textAt(i)` gives the text to search for item i. */
export function searchItems(
  count: number,
  textAt: (position: number) => string,
  re: RegExp,
  maxHits = MAX_HITS,
): SearchResult {
  const hits: SearchHit[] = [];
  const perPosition = new Map<number, number>();
  for (let p = 0; p < count && hits.length < maxHits; p++) {
    const offsets = matchOffsets(textAt(p), re, maxHits - hits.length);
    if (offsets.length === 0) continue;
    perPosition.set(p, offsets.length);
    offsets.forEach((offset, occurrence) => hits.push({ position: p, occurrence, offset }));
  }
  return { hits, perPosition, capped: hits.length >= maxHits };
}

/** The next (dir 1) or previous (dir -1) hit index, wrapping around; -1 when there are none. */
export function stepHit(current: number, total: number, dir: 1 | -1): number {
  if (total === 0) return -1;
  if (current < 0) return dir === 1 ? 0 : total - 1;
  return (current + dir + total) % total;
}

/** The first hit at or after `position` (wrapping), so a search starts from where the reader is. */
export function firstHitFrom(hits: readonly SearchHit[], position: number): number {
  if (hits.length === 0) return -1;
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].position < position) lo = mid + 1;
    else hi = mid;
  }
  return lo < hits.length ? lo : 0;
}

const textCache = new WeakMap<object, string>();

/** The text of a step as the viewer shows it (tool arguments pretty-printed), cached per body object. */
export function stepSearchText(step: ParsedStep): string {
  const cached = textCache.get(step);
  if (cached !== undefined) return cached;
  let text: string;
  switch (step.kind) {
    case "tool_call":
      text = `${step.name}\n${formatArguments(step).text}`;
      break;
    case "tool_result":
      text = step.output;
      break;
    default:
      text = step.text;
  }
  textCache.set(step, text);
  return text;
}
