/** Row counts of every table an import writes, to prove a rejected file wrote nothing. */
import { db } from "@/lib/db/client";

export async function importRowCounts() {
  const [trajectories, steps, bodies, revisions, tools, sources] = await Promise.all([
    db().trajectory.count(),
    db().step.count(),
    db().stepBody.count(),
    db().revision.count(),
    db().toolDefinition.count(),
    db().sourceFile.count(),
  ]);
  return { trajectories, steps, bodies, revisions, tools, sources };
}
