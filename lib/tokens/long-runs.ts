/**
 * Guard against quadratic BPE on pathological input.
 *
 * gpt-tokenizer merges each pre-tokenized piece with array splices, O(n²) in the piece length:
 * 50k repeated letters take over a second, 500k would take minutes. o200k's split regex keeps
 * ordinary text in short pieces, but a tool output holding a long unbroken run (a hash wall, a
 * base64 blob without digits, "=====" rulers, a CJK paragraph with no punctuation, a huge block
 * of blank lines) becomes one piece and would stall an import. So a long text is scanned once
 * and, only where a run could form a piece longer than `MAX_RUN`, counted in segments.
 *
 * Exactness: a piece never contains an ASCII digit, and contains whitespace other than CR/LF only
 * as its first character or in a whitespace-only piece. So a piece is at most one character longer
 * than the longest run of characters that are neither digits nor non-CR/LF whitespace, or than the
 * longest run of whitespace; when neither exceeds `MAX_RUN` the text is counted whole, exactly.
 * Inside a long run the cut is placed, when one exists in the last half of the window, between an
 * ASCII letter and a following ASCII non-alphanumeric character other than an apostrophe: a
 * letter piece of o200k's split regex can only continue with letters, marks or an apostrophe
 * contraction, and nothing in the regex looks behind, so pieces (and the count) are unchanged
 * (checked against the regex itself in o200k.test.ts).
 * Only when no such place exists (a run of only letters, only punctuation, non-ASCII text or
 * whitespace) is the cut arbitrary; the count is then an estimate off by at most about one token per cut, i.e.
 * per `MAX_RUN` characters of a run that is itself pathological.
 *
 * The cut rule is specific to o200k's split regex, so this is used for o200k only.
 */

/** ~1 ms per segment for ASCII runs, ~4 ms for 3-byte CJK runs (measured, gpt-tokenizer 4). */
export const MAX_RUN = 1024;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isNewline = (c: number) => c === 10 || c === 13;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Exactly JavaScript's `\s`, which the split regex uses: a mismatch either way could hide a long piece. */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A character that cannot continue a letter piece and starts a fresh one: see the header. */
const isSafeAfterLetter = (c: number) => c < 128 && !isAsciiLetter(c) && !isDigit(c) && c !== 39;

function chooseCut(text: string, at: number, segStart: number, maxRun: number): number {
  const floor = Math.max(segStart + 1, at - (maxRun >> 1));
  for (let p = at; p >= floor; p--) {
    if (isSafeAfterLetter(text.charCodeAt(p)) && isAsciiLetter(text.charCodeAt(p - 1))) return p;
  }
  // Never split a surrogate pair: half a character would count as replacement bytes.
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff && at - 1 > segStart ? at - 1 : at;
}

const breaksPieceRun = (c: number) => isDigit(c) || (isWhitespace(c) && !isNewline(c));
const inPieceRun = (c: number) => !breaksPieceRun(c);

function runExceeds(text: string, at: number, inRun: (c: number) => boolean, maxRun: number): boolean {
  let lo = at;
  while (lo > 0 && inRun(text.charCodeAt(lo - 1)) && at - lo <= maxRun) lo--;
  let hi = at + 1;
  while (hi < text.length && inRun(text.charCodeAt(hi)) && hi - lo <= maxRun) hi++;
  return hi - lo > maxRun;
}

/**
 * Whether some run is longer than `maxRun`, looking only at every `maxRun`-th character: any run
 * of more than `maxRun` characters covers one of those, and in ordinary text the runs through
 * them are a few characters long. That makes the check ~1/100 of the cost of tokenizing, where a
 * per-character scan cost ~15% (measured); each run is walked at most twice, so it stays linear.
 */
export function hasLongRun(text: string, maxRun: number = MAX_RUN): boolean {
  for (let p = maxRun; p < text.length; p += maxRun) {
    const c = text.charCodeAt(p);
    if (inPieceRun(c) && runExceeds(text, p, inPieceRun, maxRun)) return true;
    if (isWhitespace(c) && runExceeds(text, p, isWhitespace, maxRun)) return true;
  }
  return false;
}

/**
 * `count(text)`, except that runs which would make a piece longer than `maxRun` are counted in
 * segments (see the header). `count` is called once with the whole text in the normal case.
 */
export function countBounded(text: string, count: (s: string) => number, maxRun: number = MAX_RUN): number {
  if (text.length <= maxRun || !hasLongRun(text, maxRun)) return count(text);
  let total = 0;
  let segStart = 0;
  let runPiece = 0; // chars that are neither a digit nor horizontal whitespace
  let runSpace = 0; // whitespace of any kind
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      runPiece = 0;
      runSpace = 0;
      continue;
    }
    if (isWhitespace(c)) {
      runSpace++;
      runPiece = isNewline(c) ? runPiece + 1 : 0;
    } else {
      runSpace = 0;
      runPiece++;
    }
    if (runPiece > maxRun || runSpace > maxRun) {
      const cut = chooseCut(text, i, segStart, maxRun);
      total += count(text.slice(segStart, cut));
      segStart = cut;
      i = cut - 1;
      runPiece = 0;
      runSpace = 0;
    }
  }
  return total + count(segStart === 0 ? text : text.slice(segStart));
}

/** Same segmentation as `countBounded`, for encoders that return ids. */
export function encodeBounded(text: string, encode: (s: string) => number[], maxRun: number = MAX_RUN): number[] {
  const parts: number[][] = [];
  countBounded(
    text,
    (s) => {
      const ids = encode(s);
      parts.push(ids);
      return ids.length;
    },
    maxRun,
  );
  return parts.length === 1 ? parts[0] : parts.flat();
}
