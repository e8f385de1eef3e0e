/**
 * Release fixtures for export tests. Curation builds releases (locking a curation set after its
 * gate); until that lands here, tests make the rows directly: approve trajectories through
 * lib/review (a lead's override), then a CurationSet, a Release and its ReleaseItems pinned to the
 * approved revisions, in the order given.
 */
import { randomUUID } from "node:crypto";
import { pgPool } from "@/lib/db/pg-pool";
import { decide } from "@/lib/review/lead-decision";
import { approvedRevision } from "@/lib/review/approved-revision";

/** Approves the head of each trajectory as `leadId` (a lead's override from any state). */
export async function approveAll(projectId: string, trajectoryIds: readonly string[], leadId: string): Promise<void> {
  for (const id of trajectoryIds) {
    const { rows } = await pgPool().query<{ headNumber: number }>(
      `SELECT "headNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2`,
      [id, projectId],
    );
    await decide(
      projectId,
      id,
      { decision: "override_approve", revisionNumber: rows[0].headNumber, reason: "export test fixture" },
      leadId,
    );
  }
}

/** Release `number` (next free when absent) of the approved trajectories, pinned to their approved revisions. */
export async function makeRelease(
  projectId: string,
  trajectoryIds: readonly string[],
  opts: { approvedById?: string; number?: number; notes?: string; maxTokens?: number } = {},
): Promise<{ id: string; number: number }> {
  const pool = pgPool();
  const setId = randomUUID();
  await pool.query(
    `INSERT INTO "CurationSet" ("id","projectId","name","targetSize","maxTokensPerSample","updatedAt") VALUES ($1,$2,$3,$4,$5,now())`,
    [setId, projectId, `set ${setId.slice(0, 8)}`, trajectoryIds.length, opts.maxTokens ?? 125000],
  );
  const number =
    opts.number ??
    (
      await pool.query<{ n: number }>(`SELECT coalesce(max("number"),0)+1 AS n FROM "Release" WHERE "projectId"=$1`, [
        projectId,
      ])
    ).rows[0].n;
  const id = randomUUID();
  await pool.query(
    `INSERT INTO "Release" ("id","projectId","setId","number","approvedById","notes","validation","tokenRule") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      id,
      projectId,
      setId,
      number,
      opts.approvedById ?? null,
      opts.notes ?? "",
      JSON.stringify({ findings: [], waivers: [] }),
      JSON.stringify({ maxTokensPerSample: opts.maxTokens ?? 125000, counter: "estimate" }),
    ],
  );
  for (const [position, trajectoryId] of trajectoryIds.entries()) {
    const a = await approvedRevision(projectId, trajectoryId);
    if (!a) throw new Error(`fixture: ${trajectoryId} is not approved`);
    await pool.query(
      `INSERT INTO "ReleaseItem" ("releaseId","trajectoryId","projectId","revisionNumber","position") VALUES ($1,$2,$3,$4,$5)`,
      [id, trajectoryId, projectId, a.revisionNumber, position],
    );
  }
  return { id, number };
}
