/** The identity of a trajectory's content: re-importing the same steps and tools is a duplicate. */
import { createHash } from "node:crypto";
import type { ParsedTrajectory } from "@/lib/trajectory/types";

export function contentHash(t: Pick<ParsedTrajectory, "tools" | "steps">): string {
  return createHash("sha256").update(JSON.stringify({ tools: t.tools, steps: t.steps })).digest("hex");
}
