/** Narrowing helpers for untyped JSON, so converters read fields without `any`. */
export type Rec = Record<string, unknown>;

export const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const rec = (v: unknown): Rec => (isRec(v) ? v : {});

/** A value that may be double-encoded (a JSON string holding the real array/object). */
export function decodeNested(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("[") || t.startsWith("{"))) return v;
  try {
    return JSON.parse(t);
  } catch {
    // Looked like JSON but is not: the caller sees the original string and reports it.
    return v;
  }
}

/** Short JSON-ish description of a value's shape for error messages. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (isRec(v)) {
    const keys = Object.keys(v).slice(0, 6);
    return keys.length ? `an object with keys ${keys.map((k) => `\`${k}\``).join(", ")}` : "an empty object";
  }
  return `a ${typeof v}`;
}
