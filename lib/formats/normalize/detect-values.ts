/**
 * What detectors judge: the JSON values visible in the sample. A whole document wins over lines;
 * a top-level array (document or a one-line file) is opened into its first elements.
 */
import type { DetectSample } from "@/lib/formats/types";

const LIMIT = 50;

export function sampleValues(s: DetectSample): unknown[] {
  const top = s.document !== undefined ? [s.document] : (s.records ?? []);
  if (top.length === 1 && Array.isArray(top[0])) return top[0].slice(0, LIMIT);
  return top.slice(0, LIMIT);
}
