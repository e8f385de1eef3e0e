/** Row counts of every table an import writes, and the kept originals on disk, to prove a rejected file wrote nothing. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

async function keptOriginals(): Promise<number> {
  const files = await readdir(path.join(env().dataDir, "sources"), { recursive: true }).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith(".gz")).length;
}

export async function importRowCounts() {
  const [trajectories, steps, bodies, revisions, tools, sources, originals] = await Promise.all([
    db().trajectory.count(),
    db().step.count(),
    db().stepBody.count(),
    db().revision.count(),
    db().toolDefinition.count(),
    db().sourceFile.count(),
    keptOriginals(),
  ]);
  return { trajectories, steps, bodies, revisions, tools, sources, originals };
}
