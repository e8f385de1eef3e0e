/** Tool-call arguments arrive as JSON strings, objects, or broken strings; keep what cannot parse. */
export function normalizeArguments(raw: unknown): { arguments: Record<string, unknown> | null; argumentsRaw?: string } {
  if (raw === undefined || raw === null || raw === "") return { arguments: {} };
  if (typeof raw === "object" && !Array.isArray(raw)) return { arguments: raw as Record<string, unknown> };
  if (typeof raw === "string") {
    try {
      const v = JSON.parse(raw);
      if (v && typeof v === "object" && !Array.isArray(v)) return { arguments: v as Record<string, unknown> };
    } catch {
      // Not JSON (a truncated stream, free text): kept verbatim below.
    }
    return { arguments: null, argumentsRaw: raw };
  }
  return { arguments: null, argumentsRaw: JSON.stringify(raw) };
}
