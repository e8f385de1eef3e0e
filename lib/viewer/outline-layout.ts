/**
 * The outline rail: one bar per step, its height proportional to the step's tokens, with a floor so
 * that a one-token step still shows. Offsets are cumulative so a click maps back to a step with a
 * binary search; 5,000 steps cost one Float64Array.
 */

/** Fraction of the average step's share that every step gets regardless of its tokens. */
const FLOOR_SHARE = 0.25;

/** n + 1 offsets in [0, height]: step i spans offsets[i]..offsets[i + 1]. */
export function outlineOffsets(tokens: ArrayLike<number>, height: number): Float64Array {
  const n = tokens.length;
  const offsets = new Float64Array(n + 1);
  if (n === 0) return offsets;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, tokens[i]);
  const floor = total > 0 ? (total / n) * FLOOR_SHARE : 1;
  const weightTotal = total + floor * n;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += Math.max(0, tokens[i]) + floor;
    offsets[i + 1] = (acc / weightTotal) * height;
  }
  offsets[n] = height;
  return offsets;
}

/** The step whose bar covers `y` (clamped to the first and last step). */
export function indexAtOffset(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
