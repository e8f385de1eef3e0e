/**
 * The approved pool as the board shows it: server-side filters (domain, query source, text, tool
 * used, token range under the token rule, minimum review score and agreement, tool calls, human
 * turns), sorting and pages. Score, agreement and the token rule's count are stored columns of the
 * trajectory row (pool-sql.ts), indexed with the project and status.
 */
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors/app-error";
import { tokenCountSql } from "@/lib/curation/token-rule";
import {
  AGREEMENT_SQL,
  APPROVED_WHERE,
  BOARD_FROM,
  ROW_COLUMNS,
  SCORE_SQL,
  type PoolRow,
} from "@/lib/curation/pool-sql";
import type { PoolFilters } from "@/lib/curation/schemas";

const SORT_SQL: Record<PoolFilters["sort"], string> = {
  tokens: tokenCountSql("t"),
  score: SCORE_SQL,
  agreement: AGREEMENT_SQL,
  toolCalls: `t."toolCallCount"`,
  humanTurns: `t."humanTurnCount"`,
  title: `t."title"`,
  updated: `t."updatedAt"`,
};

/** The WHERE clause and its parameters ($1 is the project, $2 the set). */
export function poolWhere(f: Partial<PoolFilters>): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts = [APPROVED_WHERE];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length + 2}`;
  };
  if (f.domain) parts.push(`t."domain" = ${p(f.domain)}`);
  if (f.source === "none") parts.push(`q."id" IS NULL`);
  else if (f.source) parts.push(`q."source"::text = ${p(f.source)}`);
  if (f.q)
    parts.push(
      `(t."title" ILIKE ${p(`%${f.q}%`)} OR coalesce(q."text", t."firstHumanMessage") ILIKE $${params.length + 2})`,
    );
  if (f.tool)
    parts.push(`EXISTS (SELECT 1 FROM "Revision" r CROSS JOIN LATERAL unnest(r."stepIds") u(sid) JOIN "Step" s ON s."id" = u.sid
      WHERE r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
        AND s."kind" = 'tool_call' AND s."toolName" = ${p(f.tool)})`);
  if (f.minTokens !== undefined) parts.push(`${tokenCountSql("t")} >= ${p(f.minTokens)}`);
  if (f.maxTokens !== undefined) parts.push(`${tokenCountSql("t")} <= ${p(f.maxTokens)}`);
  if (f.minToolCalls !== undefined) parts.push(`t."toolCallCount" >= ${p(f.minToolCalls)}`);
  if (f.minHumanTurns !== undefined) parts.push(`t."humanTurnCount" >= ${p(f.minHumanTurns)}`);
  if (f.minScore !== undefined) parts.push(`${SCORE_SQL} >= ${p(f.minScore)}`);
  if (f.minAgreement !== undefined) parts.push(`${AGREEMENT_SQL} >= ${p(f.minAgreement)}`);
  if (f.inSet !== "include")
    parts.push(`NOT EXISTS (SELECT 1 FROM "CurationItem" ci WHERE ci."setId" = $2 AND ci."trajectoryId" = t."id")`);
  return { where: parts.join(" AND "), params };
}

export async function listPool(projectId: string, setId: string, f: PoolFilters) {
  const exists = await pgPool().query(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`, [
    setId,
    projectId,
  ]);
  if (!exists.rowCount)
    throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
      location: { field: "setId" },
    });
  const { where, params } = poolWhere(f);
  const base = [projectId, setId, ...params];
  const dir = f.dir === "asc" ? "ASC" : "DESC";
  const nulls = f.dir === "asc" ? "NULLS FIRST" : "NULLS LAST";
  const offset = (f.page - 1) * f.pageSize;
  const order = `${SORT_SQL[f.sort]} ${dir} ${nulls}, t."id" ASC`;
  const [rows, total] = await Promise.all([
    // The page's ids first (the query joins only when a filter needs it), then its columns: the
    // query text and set membership are read for the page's rows, not for every match.
    pgPool().query<PoolRow & { inSet: boolean }>(
      `SELECT ${ROW_COLUMNS}, ${SCORE_SQL} AS "score", ${AGREEMENT_SQL} AS "agreement",
         EXISTS (SELECT 1 FROM "CurationItem" ci WHERE ci."setId" = $2 AND ci."trajectoryId" = t."id") AS "inSet"
       FROM (SELECT t."id" FROM ${BOARD_FROM} WHERE ${where} ORDER BY ${order} LIMIT ${f.pageSize} OFFSET ${offset}) page
       JOIN "Trajectory" t ON t."id" = page."id" LEFT JOIN "Query" q ON q."id" = t."queryId"
       ORDER BY ${order}`,
      base,
    ),
    pgPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOARD_FROM} WHERE ${where}`, base),
  ]);
  return {
    rows: rows.rows,
    total: total.rows[0].n,
    page: f.page,
    pageSize: f.pageSize,
  };
}
