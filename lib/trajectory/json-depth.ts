/**
 * Nesting depth of JSON values taken from transcripts and edits (tool arguments, structured
 * results). Serialising, tokenizing and rendering all recurse, so a 100,000-deep object would
 * overflow the stack far from where it came in; it is refused at the boundary instead.
 */
export const MAX_JSON_DEPTH = 100;

/** True when `value` nests objects/arrays deeper than `limit`; iterative, so any depth is safe to check. */
export function exceedsJsonDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}

export const jsonDepthMessage = `nested deeper than ${MAX_JSON_DEPTH} levels (objects and arrays); flatten it or pass it as a string`;
