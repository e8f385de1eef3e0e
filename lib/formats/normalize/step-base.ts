/**
 * The fields every step shares (time, source location, sidechain), built without undefined keys
 * so steps compare cleanly and serialise small.
 */
import { normalizeTimestamp } from "@/lib/formats/normalize/timestamp";

export interface StepBase {
  timestamp?: string;
  timestampRaw?: string | number;
  source?: { line?: number; id?: string };
  sidechain?: boolean;
}

export function stepBase(o: { time?: unknown; line?: number; id?: unknown; sidechain?: boolean }): StepBase {
  const base: StepBase = { ...normalizeTimestamp(o.time) };
  const source: { line?: number; id?: string } = {};
  if (o.line !== undefined && o.line > 0) source.line = o.line;
  if (typeof o.id === "string" && o.id !== "") source.id = o.id;
  if (source.line !== undefined || source.id !== undefined) base.source = source;
  if (o.sidechain) base.sidechain = true;
  return base;
}
