/**
 * The text of a step a secret can hide in, as (JSON pointer, string) leaves: the text, a tool's
 * output, every string inside the arguments, the raw arguments, structured results and meta data.
 * Ids, names, timestamps, media hashes and opaque (encrypted) reasoning are not prose and are skipped.
 */
import type { ParsedStep } from "@/lib/trajectory/types";

const SCANNED = new Set(["text", "output", "arguments", "argumentsRaw", "structured", "data"]);

export interface TextLeaf {
  /** RFC 6901 pointer into the step (`/arguments/command`). */
  pointer: string;
  value: string;
}

const escapeSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeSegment = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

export function textLeaves(step: ParsedStep): TextLeaf[] {
  const out: TextLeaf[] = [];
  const walk = (v: unknown, pointer: string) => {
    if (typeof v === "string") out.push({ pointer, value: v });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`));
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, `${pointer}/${escapeSegment(k)}`);
  };
  for (const [k, v] of Object.entries(step as Record<string, unknown>)) if (SCANNED.has(k)) walk(v, `/${k}`);
  return out;
}

/** The string at `pointer` in `step`, or undefined. */
export function leafAt(step: unknown, pointer: string): string | undefined {
  let v: unknown = step;
  for (const seg of pointer.split("/").slice(1).map(unescapeSegment)) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return typeof v === "string" ? v : undefined;
}

/** `/arguments/command` → `arguments.command`, for people. */
export const fieldLabel = (pointer: string) => pointer.split("/").slice(1).map(unescapeSegment).join(".");

/**
 * A copy of `value` with every string (and object key) passed through `fn`; the same object when
 * nothing changed, so callers can tell which steps a replacement touched.
 */
export function mapStrings<T>(value: T, fn: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return fn(v);
    if (Array.isArray(v)) {
      const next = v.map(walk);
      return next.some((x, i) => x !== v[i]) ? next : v;
    }
    if (v && typeof v === "object") {
      let changed = false;
      const next: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const nk = fn(k);
        const nx = walk(x);
        if (nk !== k || nx !== x) changed = true;
        next[nk] = nx;
      }
      return changed ? next : v;
    }
    return v;
  };
  return walk(value) as T;
}

/** `step` with `secret` replaced by `placeholder` in its scanned text; the same object when absent. */
export function redactStep<T extends object>(step: T, secret: string, placeholder: string): T {
  let changed = false;
  const next: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(step)) {
    const nv = SCANNED.has(k) ? mapStrings(v, (s) => (s.includes(secret) ? s.split(secret).join(placeholder) : s)) : v;
    if (nv !== v) changed = true;
    next[k] = nv;
  }
  return changed ? (next as T) : step;
}
