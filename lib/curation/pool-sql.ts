/**
 * SQL pieces shared by the board, Suggest, the set view and releases: the approved pool (as
 * lib/review/approved-revision.ts defines it: approved head, revision pinned at approval) with the
 * review score (mean of every criterion score of the approved revision's reviews) and agreement
 * (share of those reviews giving the most common verdict; null without reviews). Both are columns
 * of the trajectory row that lib/review keeps with each state change
 * (lib/review/approved-review-columns.ts), so filters and sorts on them use an index.
 */
import { tokenCountSql } from "@/lib/curation/token-rule";

/** Joins of a trajectory `t` to its approved revision `r` and query `q`. */
export const APPROVED_FROM = `"Trajectory" t
  JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber" AND r."reviewState" = 'approved'
  LEFT JOIN "Query" q ON q."id" = t."queryId"`;

/**
 * The board's FROM: the same pool without the join per row to the revision. `transition`
 * (lib/review/review-state.ts) writes `Trajectory.status` with the head revision's `reviewState` and
 * pins `approvedNumber` to that head when approving; while the status stays approved the head is
 * the pinned revision (a new revision leaves approved or is re-approved), so `status = 'approved'`
 * already says that the pinned revision is approved. Filters needing the revision's steps read it
 * in a subquery (pool.ts).
 */
export const BOARD_FROM = `"Trajectory" t LEFT JOIN "Query" q ON q."id" = t."queryId"`;

/** Where-clause of the approved pool of project $1. */
export const APPROVED_WHERE = `t."projectId" = $1 AND t."status" = 'approved' AND t."deletedAt" IS NULL`;

export const SCORE_SQL = `t."reviewScore"`;

export const AGREEMENT_SQL = `t."reviewAgreement"`;

/** The columns a board row shows. */
export const ROW_COLUMNS = `t."id", t."title", t."domain", t."approvedNumber" AS "revisionNumber",
  ${tokenCountSql("t")}::int AS "tokens", t."tokensTotal", t."toolCallCount", t."failedToolCallCount",
  t."humanTurnCount", t."stepCount", q."source"::text AS "querySource", t."queryId",
  coalesce(q."text", t."firstHumanMessage") AS "queryText"`;

export interface PoolRow {
  id: string;
  title: string;
  domain: string | null;
  revisionNumber: number;
  tokens: number;
  tokensTotal: number;
  toolCallCount: number;
  failedToolCallCount: number;
  humanTurnCount: number;
  stepCount: number;
  querySource: string | null;
  queryId: string | null;
  queryText: string;
  score: number | null;
  agreement: number | null;
}

/** Tool names of each trajectory's approved revision, in step order (tool calls only). */
export const TOOL_SEQUENCE_SQL = `SELECT t."id" AS "trajectoryId", array_agg(s."toolName" ORDER BY u.ord) AS "tools"
  FROM "Trajectory" t
  JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
  CROSS JOIN LATERAL unnest(r."stepIds") WITH ORDINALITY AS u(sid, ord)
  JOIN "Step" s ON s."id" = u.sid AND s."kind" = 'tool_call' AND s."toolName" IS NOT NULL
  WHERE t."projectId" = $1 AND t."id" = ANY($2::text[])
  GROUP BY t."id"`;
