/**
 * A large release for bench/export.ts part 2, made in SQL (not timed): the stored trajectories are
 * copied (Trajectory, Revision, Step, StepBody, ToolDefinition rows, ids suffixed `-c<k>`) until
 * there are `total`, all pinned at revision 1 in one release, in the order original, copy 1, … so
 * the release cycles through the pool as LIMI's repeat does. Columns are read from the catalogue,
 * so the copy follows the schema.
 */
import { randomUUID } from "node:crypto";
import { pgPool } from "@/lib/db/pg-pool";

async function columnsOf(table: string): Promise<string[]> {
  const { rows } = await pgPool().query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** INSERT … SELECT of `table` (alias t) for copies `first..last` (series k), with some columns replaced. */
async function copy(
  table: string,
  replaced: Record<string, string>,
  where: string,
  params: unknown[],
  first: number,
  last: number,
): Promise<void> {
  const cols = await columnsOf(table);
  const list = cols.map((c) => `"${c}"`).join(",");
  const select = cols.map((c) => replaced[c] ?? `t."${c}"`).join(",");
  await pgPool().query(
    `INSERT INTO "${table}" (${list}) SELECT ${select} FROM "${table}" t CROSS JOIN generate_series(${first}, ${last}) k WHERE ${where}`,
    params,
  );
}

const suffix = (col: string) => `t."${col}" || '-c' || k`;

export async function makeBigRelease(
  projectId: string,
  ids: readonly string[],
  total: number,
  onProgress: (copies: number, of: number) => void,
): Promise<{ number: number; ids: string[] }> {
  const copies = Math.ceil(total / ids.length) - 1;
  const STEP = 4;
  for (let first = 1; first <= copies; first += STEP) {
    const last = Math.min(copies, first + STEP - 1);
    const byTrajectory = `t."trajectoryId" = ANY($1)`;
    await copy(
      "Trajectory",
      { id: suffix("id"), contentHash: suffix("contentHash"), headRevisionId: suffix("headRevisionId") },
      `t."id" = ANY($1)`,
      [ids],
      first,
      last,
    );
    await copy(
      "Revision",
      {
        id: suffix("id"),
        trajectoryId: suffix("trajectoryId"),
        parentId: suffix("parentId"),
        stepIds: `(SELECT array_agg(x || '-c' || k ORDER BY o) FROM unnest(t."stepIds") WITH ORDINALITY u(x, o))`,
      },
      byTrajectory,
      [ids],
      first,
      last,
    );
    await copy("Step", { id: suffix("id"), trajectoryId: suffix("trajectoryId") }, byTrajectory, [ids], first, last);
    await copy(
      "StepBody",
      { stepId: suffix("stepId") },
      `t."stepId" IN (SELECT s."id" FROM "Step" s WHERE s."trajectoryId" = ANY($1))`,
      [ids],
      first,
      last,
    );
    await copy(
      "ToolDefinition",
      { id: suffix("id"), trajectoryId: suffix("trajectoryId") },
      byTrajectory,
      [ids],
      first,
      last,
    );
    onProgress(last, copies);
  }
  const all: string[] = [];
  for (let k = 0; all.length < total; k++)
    for (const id of ids) if (all.length < total) all.push(k === 0 ? id : `${id}-c${k}`);

  const pool = pgPool();
  const setId = randomUUID();
  await pool.query(
    `INSERT INTO "CurationSet" ("id","projectId","name","targetSize","maxTokensPerSample","updatedAt") VALUES ($1,$2,$3,$4,125000,now())`,
    [setId, projectId, `bench ${total}`, total],
  );
  const { rows } = await pool.query<{ n: number }>(
    `SELECT coalesce(max("number"),0)+1 AS n FROM "Release" WHERE "projectId"=$1`,
    [projectId],
  );
  const releaseId = randomUUID();
  await pool.query(
    `INSERT INTO "Release" ("id","projectId","setId","number","notes","validation","tokenRule") VALUES ($1,$2,$3,$4,'',$5,$6)`,
    [
      releaseId,
      projectId,
      setId,
      rows[0].n,
      JSON.stringify({ findings: [], waivers: [] }),
      JSON.stringify({ maxTokensPerSample: 125000, counter: "estimate" }),
    ],
  );
  await pool.query(
    `INSERT INTO "ReleaseItem" ("releaseId","trajectoryId","projectId","revisionNumber","position")
     SELECT $1, id, $2, 1, (o - 1)::int FROM unnest($3::text[]) WITH ORDINALITY u(id, o)`,
    [releaseId, projectId, all],
  );
  await pool.query(`ANALYZE "Step"; ANALYZE "StepBody"; ANALYZE "Revision"; ANALYZE "Trajectory"`);
  return { number: rows[0].n, ids: all };
}
