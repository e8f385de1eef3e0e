/**
 * Text PostgreSQL cannot store, made visible instead of failing the file: a NUL character (common
 * in binary tool output) becomes "␀" (U+2400, the symbol for NUL) and an unpaired UTF-16 surrogate
 * (a string cut in the middle of an emoji) becomes "�" (U+FFFD). Both are counted for a warning.
 * The walk is iterative, so it is safe on values of any depth (depth itself is bounded by the schema).
 */
export const NUL_SYMBOL = "\u2400";

export interface HygieneCount {
  nul: number;
  surrogates: number;
}

function cleanString(s: string, count: HygieneCount): string {
  let out = s;
  if (out.includes("\u0000")) {
    const parts = out.split("\u0000");
    count.nul += parts.length - 1;
    out = parts.join(NUL_SYMBOL);
  }
  if (!out.isWellFormed()) {
    const fixed = out.toWellFormed();
    for (let i = 0; i < out.length; i++) if (out[i] !== fixed[i]) count.surrogates++;
    out = fixed;
  }
  return out;
}

const needsCleaning = (s: string) => s.includes("\u0000") || !s.isWellFormed();

/** Cleans every string (and object key) reachable from `root`, in place. */
export function cleanTextInPlace(root: object): HygieneCount {
  const count: HygieneCount = { nul: 0, surrogates: 0 };
  const stack: object[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === "string") {
          if (needsCleaning(v)) node[i] = cleanString(v, count);
        } else if (v !== null && typeof v === "object") stack.push(v);
      }
      continue;
    }
    const rec = node as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      let k = key;
      if (needsCleaning(key)) {
        k = cleanString(key, count);
        rec[k] = rec[key];
        delete rec[key];
      }
      const v = rec[k];
      if (typeof v === "string") {
        if (needsCleaning(v)) rec[k] = cleanString(v, count);
      } else if (v !== null && typeof v === "object") stack.push(v);
    }
  }
  return count;
}

export function hygieneWarnings(count: HygieneCount): string[] {
  const out: string[] = [];
  if (count.nul) out.push(`replaced ${count.nul} NUL character(s) with ${NUL_SYMBOL} (the database cannot store NUL)`);
  if (count.surrogates)
    out.push(`replaced ${count.surrogates} unpaired UTF-16 surrogate(s) with \uFFFD (text cut inside a character)`);
  return out;
}
