/**
 * What curation and export read: the approved revision of a trajectory. Only a trajectory whose
 * head is approved counts (an edit after approval sends it back to review, unless the approval was
 * carried); the revision number is the one pinned at approval, so the content read is exactly what
 * the lead approved.
 */
import { pgPool } from "@/lib/db/pg-pool";

export interface ApprovedRevision {
  trajectoryId: string;
  revisionNumber: number;
  revisionId: string;
}

const SELECT = `SELECT t."id" AS "trajectoryId", r."number" AS "revisionNumber", r."id" AS "revisionId"
  FROM "Trajectory" t JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
  WHERE t."projectId"=$1 AND t."status"='approved' AND r."reviewState"='approved'`;

/** The approved revision of one trajectory, or null when it is not approved now. */
export async function approvedRevision(projectId: string, trajectoryId: string): Promise<ApprovedRevision | null> {
  const r = await pgPool().query<ApprovedRevision>(`${SELECT} AND t."id"=$2`, [projectId, trajectoryId]);
  return r.rows[0] ?? null;
}

/** Every approved trajectory of a project with its pinned revision (the approved pool). */
export async function listApprovedRevisions(projectId: string): Promise<ApprovedRevision[]> {
  const r = await pgPool().query<ApprovedRevision>(`${SELECT} ORDER BY t."id"`, [projectId]);
  return r.rows;
}
