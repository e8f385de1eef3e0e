/**
 * Inter-rater agreement, pure and browser-safe: Cohen's kappa (two raters), Fleiss' kappa (a fixed
 * number of raters per item), Krippendorff's alpha (any number of raters, missing values allowed;
 * nominal, ordinal and interval distances), first-error-step agreement (exact and within ±k), and
 * the per-trajectory score agreement that decides whether a lead must adjudicate. Each statistic is
 * checked against a published worked example in agreement.test.ts. A statistic that is undefined
 * for its input (no pairable values, or no variation at all) is `null`, never NaN.
 */

export type Category = string | number;

/** Cohen's kappa of two raters' labels of the same items; pairs with a missing label are left out. */
export function cohenKappa(pairs: ReadonlyArray<readonly [Category | null, Category | null]>): number | null {
  const both = pairs.filter((p): p is readonly [Category, Category] => p[0] !== null && p[1] !== null);
  const n = both.length;
  if (!n) return null;
  const a = new Map<Category, number>();
  const b = new Map<Category, number>();
  let agree = 0;
  for (const [x, y] of both) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const po = agree / n;
  let pe = 0;
  for (const [c, ca] of a) pe += (ca / n) * ((b.get(c) ?? 0) / n);
  if (pe === 1) return null;
  return (po - pe) / (1 - pe);
}

/**
 * Fleiss' kappa from a subjects × categories table of counts (how many raters put subject i in
 * category j); every subject must have the same number of ratings.
 */
export function fleissKappa(counts: ReadonlyArray<readonly number[]>): number | null {
  const N = counts.length;
  if (!N) return null;
  const n = counts[0].reduce((s, v) => s + v, 0);
  if (n < 2) return null;
  if (counts.some((row) => row.reduce((s, v) => s + v, 0) !== n))
    throw new Error("Fleiss' kappa needs the same number of ratings for every subject");
  const k = counts[0].length;
  const p = new Array<number>(k).fill(0);
  let pBar = 0;
  for (const row of counts) {
    let sq = 0;
    row.forEach((v, j) => {
      p[j] += v;
      sq += v * v;
    });
    pBar += (sq - n) / (n * (n - 1));
  }
  pBar /= N;
  const pe = p.reduce((s, v) => s + (v / (N * n)) ** 2, 0);
  if (pe === 1) return null;
  return (pBar - pe) / (1 - pe);
}

/** Fleiss' table from each subject's list of labels (all lists the same length). */
export function fleissTable(subjects: ReadonlyArray<readonly Category[]>): number[][] {
  const cats = [...new Set(subjects.flat())];
  return subjects.map((labels) => cats.map((c) => labels.filter((l) => l === c).length));
}

export type AlphaLevel = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's alpha. `units` holds, per unit, each coder's value or null when that coder gave
 * none; units with fewer than two values are not pairable and are left out (Krippendorff 2011).
 */
export function krippendorffAlpha(
  units: ReadonlyArray<ReadonlyArray<Category | null>>,
  level: AlphaLevel,
): number | null {
  const values: Category[] = [];
  const index = new Map<Category, number>();
  const pairable = units.map((u) => u.filter((v): v is Category => v !== null)).filter((u) => u.length >= 2);
  for (const u of pairable)
    for (const v of u)
      if (!index.has(v)) {
        index.set(v, values.length);
        values.push(v);
      }
  if (level !== "nominal" && values.some((v) => typeof v !== "number"))
    throw new Error(`${level} alpha needs numeric values`);
  // Ordinal and interval distances follow the order of the values.
  if (level !== "nominal") {
    values.sort((x, y) => (x as number) - (y as number));
    values.forEach((v, i) => index.set(v, i));
  }
  const V = values.length;
  // The coincidence matrix, flat; per unit the value counts live in one reused array.
  const o = new Float64Array(V * V);
  const counts = new Float64Array(V);
  const touched: number[] = [];
  for (const u of pairable) {
    touched.length = 0;
    for (const v of u) {
      const i = index.get(v)!;
      if (counts[i] === 0) touched.push(i);
      counts[i]++;
    }
    const m1 = u.length - 1;
    for (const c of touched)
      for (const k of touched) o[c * V + k] += (c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]) / m1;
    for (const c of touched) counts[c] = 0;
  }
  const nc = Array.from({ length: V }, (_, c) => {
    let sum = 0;
    for (let k = 0; k < V; k++) sum += o[c * V + k];
    return sum;
  });
  const n = nc.reduce((s, v) => s + v, 0);
  if (n <= 1) return null;
  const delta = distance(level, values as number[], nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      const d = delta(c, k);
      observed += o[c * V + k] * d;
      expected += nc[c] * nc[k] * d;
    }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

function distance(level: AlphaLevel, values: number[], nc: number[]): (c: number, k: number) => number {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (values[c] - values[k]) ** 2;
  // Ordinal: the number of pairable values between c and k, halving the two ends (Krippendorff 2011).
  const cumulative = [0];
  for (const v of nc) cumulative.push(cumulative[cumulative.length - 1] + v);
  return (c, k) => {
    if (c === k) return 0;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    const between = cumulative[hi + 1] - cumulative[lo] - (nc[lo] + nc[hi]) / 2;
    return between * between;
  };
}

/**
 * First-error-step agreement over units (each reviewer's first-error step index, or null for "no
 * error"): the share of reviewer pairs that name the same step (both "no error" agrees), and the
 * share within ±k steps ("no error" agrees only with itself). Missing reviews are simply absent.
 */
export function firstErrorAgreement(
  units: ReadonlyArray<ReadonlyArray<number | null>>,
  k: number,
): { exact: number | null; withinK: number | null; pairs: number } {
  let pairs = 0;
  let exact = 0;
  let near = 0;
  for (const u of units)
    for (let i = 0; i < u.length; i++)
      for (let j = i + 1; j < u.length; j++) {
        pairs++;
        const a = u[i];
        const b = u[j];
        if (a === b) {
          exact++;
          near++;
        } else if (a !== null && b !== null && Math.abs(a - b) <= k) near++;
      }
  return pairs ? { exact: exact / pairs, withinK: near / pairs, pairs } : { exact: null, withinK: null, pairs };
}

export interface CriterionRange {
  key: string;
  min: number;
  max: number;
}

/**
 * Agreement of the reviews of one trajectory on its rubric: 1 − the mean, over reviewer pairs and
 * criteria, of the absolute score difference as a share of the scale. 1 is identical scores, 0 is
 * opposite ends everywhere. Null with fewer than two reviews or no criterion scored by a pair.
 */
export function scoreAgreement(
  reviews: ReadonlyArray<Readonly<Record<string, number>>>,
  rubric: ReadonlyArray<CriterionRange>,
): number | null {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < reviews.length; i++)
    for (let j = i + 1; j < reviews.length; j++)
      for (const c of rubric) {
        const a = reviews[i][c.key];
        const b = reviews[j][c.key];
        if (a === undefined || b === undefined || c.max === c.min) continue;
        sum += Math.abs(a - b) / (c.max - c.min);
        count++;
      }
  return count ? 1 - sum / count : null;
}
