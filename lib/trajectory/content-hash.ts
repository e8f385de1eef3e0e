/**
 * The identity of a trajectory's content: re-importing the same steps and tools is a duplicate.
 * Hashed from the JSON of the tools and of each step, which the store computes anyway for the
 * step bodies, so nothing is serialised twice.
 */
import { createHash } from "node:crypto";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export function contentHashOf(toolsJson: string, stepJsons: readonly string[]): string {
  const h = createHash("sha256").update(toolsJson);
  for (const s of stepJsons) h.update("\n").update(s);
  return h.digest("hex");
}

export function contentHash(t: Pick<ParsedTrajectory, "tools" | "steps">): string {
  return contentHashOf(
    JSON.stringify(t.tools),
    t.steps.map((s) => JSON.stringify(s)),
  );
}
