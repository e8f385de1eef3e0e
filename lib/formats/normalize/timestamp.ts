/**
 * Timestamps arrive as ISO strings with or without offsets, epoch seconds, or epoch milliseconds.
 * The canonical model stores ISO-8601 UTC and keeps the original value beside it.
 */
export interface NormalizedTime {
  timestamp?: string;
  timestampRaw?: string | number;
}

export function normalizeTimestamp(raw: unknown): NormalizedTime {
  if (raw === undefined || raw === null || raw === "") return {};
  if (typeof raw === "number" && Number.isFinite(raw)) {
    // Below 1e11 is seconds (until year 5138), above is milliseconds.
    const ms = raw < 1e11 ? raw * 1000 : raw;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? { timestampRaw: raw } : { timestamp: d.toISOString(), timestampRaw: raw };
  }
  if (typeof raw === "string") {
    if (/^\d+(\.\d+)?$/.test(raw)) return { ...normalizeTimestamp(Number(raw)), timestampRaw: raw };
    // A naive ISO string (no offset) is taken as UTC, which is what agent logs mean by it.
    const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) || !/T|\d \d/.test(raw) ? raw : `${raw}Z`;
    const d = new Date(withZone);
    return Number.isNaN(d.getTime()) ? { timestampRaw: raw } : { timestamp: d.toISOString(), timestampRaw: raw };
  }
  return {};
}
