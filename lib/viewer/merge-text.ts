/**
 * Three-way line merge, for re-applying an edit after someone else saved the same step first
 * (the 409 path): changes of both sides to different lines are both kept; lines both changed
 * differently become a conflict with markers, which the editor shows for the user to settle.
 * Nothing of either side is dropped.
 */
export interface MergeResult {
  text: string;
  conflicts: number;
}

interface Hunk {
  /** base[baseStart, baseEnd) is replaced by side[sideStart, sideEnd). */
  baseStart: number;
  baseEnd: number;
  sideStart: number;
  sideEnd: number;
}

/** Above this many cells the middle is treated as one changed block (quadratic LCS would stall). */
const MAX_LCS_CELLS = 4_000_000;

/** Hunks turning `a` into `b`, by longest common subsequence of lines after trimming common ends. */
export function lineHunks(a: readonly string[], b: readonly string[]): Hunk[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0 || n * m > MAX_LCS_CELLS)
    return [{ baseStart: pre, baseEnd: pre + n, sideStart: pre, sideEnd: pre + m }];
  // lcs[i][j]: LCS length of a[pre+i..] and b[pre+j..], row-major in one array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[pre + i] === b[pre + j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  const close = () => {
    if (open) hunks.push(open);
    open = null;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      close();
      i++;
      j++;
      continue;
    }
    open ??= { baseStart: pre + i, baseEnd: pre + i, sideStart: pre + j, sideEnd: pre + j };
    if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      j++;
      open.sideEnd = pre + j;
    } else {
      i++;
      open.baseEnd = pre + i;
    }
  }
  close();
  return hunks;
}

export const CONFLICT_START = "<<<<<<< theirs";
export const CONFLICT_MID = "=======";
export const CONFLICT_END = ">>>>>>> yours";

export function mergeText(base: string, theirs: string, yours: string): MergeResult {
  if (theirs === yours) return { text: yours, conflicts: 0 };
  if (base === theirs) return { text: yours, conflicts: 0 };
  if (base === yours) return { text: theirs, conflicts: 0 };
  const o = base.split("\n");
  const t = theirs.split("\n");
  const y = yours.split("\n");
  const tagged = [
    ...lineHunks(o, t).map((h) => ({ ...h, side: 0 as const })),
    ...lineHunks(o, y).map((h) => ({ ...h, side: 1 as const })),
  ].sort((p, q) => p.baseStart - q.baseStart || p.baseEnd - q.baseEnd);
  const sides = [t, y];
  const out: string[] = [];
  let conflicts = 0;
  // Running offsets (side index minus base index) of each side before the current position.
  const delta = [0, 0];
  let at = 0;
  let k = 0;
  while (k < tagged.length) {
    const group = [tagged[k]];
    let lo = tagged[k].baseStart;
    let hi = tagged[k].baseEnd;
    k++;
    // Overlapping hunks, or two insertions at the same point, must be settled together.
    while (
      k < tagged.length &&
      (tagged[k].baseStart < hi ||
        (tagged[k].baseStart === hi &&
          (tagged[k].baseStart === tagged[k].baseEnd ||
            group.some((g) => g.baseEnd === g.baseStart && g.baseStart === hi))))
    ) {
      hi = Math.max(hi, tagged[k].baseEnd);
      lo = Math.min(lo, tagged[k].baseStart);
      group.push(tagged[k]);
      k++;
    }
    for (let x = at; x < lo; x++) out.push(o[x]);
    const text = [0, 1].map((s) => {
      const inside = group.filter((g) => g.side === s);
      const d = inside.reduce((acc, g) => acc + (g.sideEnd - g.sideStart) - (g.baseEnd - g.baseStart), 0);
      const lines = sides[s].slice(lo + delta[s], hi + delta[s] + d);
      delta[s] += d;
      return { changed: inside.length > 0, lines };
    });
    if (!text[0].changed) out.push(...text[1].lines);
    else if (!text[1].changed) out.push(...text[0].lines);
    else if (text[0].lines.join("\n") === text[1].lines.join("\n")) out.push(...text[1].lines);
    else {
      conflicts++;
      out.push(CONFLICT_START, ...text[0].lines, CONFLICT_MID, ...text[1].lines, CONFLICT_END);
    }
    at = hi;
  }
  for (let x = at; x < o.length; x++) out.push(o[x]);
  return { text: out.join("\n"), conflicts };
}

/** True while a text still holds conflict markers from mergeText. */
export function hasConflictMarkers(text: string): boolean {
  return text.includes(`${CONFLICT_START}\n`) && text.includes(`\n${CONFLICT_END}`);
}
