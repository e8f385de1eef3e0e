/** Near-duplicate warnings of a set's items (similarity.ts says how they are measured). */
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors/app-error";
import { TOOL_SEQUENCE_SQL } from "@/lib/curation/pool-sql";
import { nearDuplicatePairs, type DuplicateSubject } from "@/lib/curation/similarity";

export async function toolSequences(projectId: string, ids: readonly string[]): Promise<Map<string, string[]>> {
  if (!ids.length) return new Map();
  const r = await pgPool().query<{ trajectoryId: string; tools: string[] }>(TOOL_SEQUENCE_SQL, [projectId, ids]);
  return new Map(r.rows.map((x) => [x.trajectoryId, x.tools]));
}

export async function setDuplicates(projectId: string, setId: string) {
  const r = await pgPool().query<Omit<DuplicateSubject, "tools">>(
    `SELECT t."id", t."title", t."queryId", coalesce(q."text", t."firstHumanMessage") AS "queryText"
     FROM "CurationItem" i JOIN "Trajectory" t ON t."id" = i."trajectoryId" LEFT JOIN "Query" q ON q."id" = t."queryId"
     JOIN "CurationSet" s ON s."id" = i."setId" AND s."projectId" = $1
     WHERE i."setId" = $2`,
    [projectId, setId],
  );
  if (!r.rowCount) {
    const s = await pgPool().query(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`, [setId, projectId]);
    if (!s.rowCount)
      throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
        location: { field: "setId" },
      });
  }
  const tools = await toolSequences(
    projectId,
    r.rows.map((x) => x.id),
  );
  return { pairs: nearDuplicatePairs(r.rows.map((x) => ({ ...x, tools: tools.get(x.id) ?? [] }))) };
}
