/**
 * Datasets repeat samples. Two copies differ only in where they sit in the file (the steps'
 * `source.line`/`source.id`), so their stored content hashes differ and both would be stored. This
 * key leaves the location out: a second trajectory of the same file with the same key is a repeat,
 * stored once and reported as a duplicate.
 */
import { createHash } from "node:crypto";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export function repeatKey(t: ParsedTrajectory): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(t.tools));
  for (const s of t.steps) {
    const { source: _source, ...rest } = s;
    h.update("\n");
    h.update(JSON.stringify(rest));
  }
  return h.digest("hex");
}
