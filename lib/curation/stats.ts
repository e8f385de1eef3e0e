/**
 * The statistics page's figures, as SQL aggregates over three scopes side by side: the whole pool
 * (every trajectory not deleted), the approved pool and the current set. Each chart is one row per
 * category with one column per scope (what components/charts draws).
 */
import { pgPool } from "@/lib/db/pg-pool";
import { AppError } from "@/lib/errors/app-error";

export const SCOPES = ["pool", "approved", "set"] as const;
export type Scope = (typeof SCOPES)[number];

/** Length buckets in tokens (LIMI: min ~13k, mean 42.4k, max 152k; the token rule cuts at 125k). */
export const LENGTH_BUCKETS = [0, 10_000, 20_000, 40_000, 60_000, 80_000, 100_000, 125_000] as const;
export const lengthLabel = (i: number) => {
  const lo = LENGTH_BUCKETS[i];
  const hi = LENGTH_BUCKETS[i + 1];
  const k = (n: number) => `${n / 1000}k`;
  return hi === undefined ? `≥${k(lo)}` : `${k(lo)}–${k(hi)}`;
};

const SCOPED = `WITH scoped AS (
  SELECT 'pool'::text AS scope, t.* FROM "Trajectory" t WHERE t."projectId" = $1 AND t."deletedAt" IS NULL
  UNION ALL
  SELECT 'approved', t.* FROM "Trajectory" t WHERE t."projectId" = $1 AND t."deletedAt" IS NULL AND t."status" = 'approved'
    AND t."approvedNumber" IS NOT NULL
  UNION ALL
  SELECT 'set', t.* FROM "Trajectory" t JOIN "CurationItem" ci ON ci."trajectoryId" = t."id" AND ci."setId" = $2
  WHERE t."projectId" = $1 AND t."deletedAt" IS NULL
)`;

type Row = Record<string, string | number | null>;

/** Pivot (category, scope, value) rows into one row per category with a column per scope. */
function pivot(rows: { cat: string; scope: string; n: number }[], order?: readonly string[]): Row[] {
  const cats = order ? [...order] : [...new Set(rows.map((r) => r.cat))];
  const out = new Map<string, Row>(cats.map((c) => [c, { category: c, pool: 0, approved: 0, set: 0 }]));
  for (const r of rows) {
    if (!out.has(r.cat)) out.set(r.cat, { category: r.cat, pool: 0, approved: 0, set: 0 });
    out.get(r.cat)![r.scope] = Number(r.n);
  }
  return [...out.values()];
}

const bucketSql = `width_bucket(s."tokensTotal", ARRAY[${LENGTH_BUCKETS.slice(1).join(",")}]::int[])`;

export async function curationStats(projectId: string, setId: string | undefined) {
  if (setId) {
    const s = await pgPool().query(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2`, [setId, projectId]);
    if (!s.rowCount)
      throw new AppError("NOT_FOUND", `curation set ${setId} not found in this project`, {
        location: { field: "setId" },
      });
  }
  const args = [projectId, setId ?? ""];
  const q = <T extends object>(sql: string) =>
    pgPool()
      .query<T & { scope: string }>(sql, args)
      .then((r) => r.rows);
  const [lengthDomain, lengthSource, shares, toolHist, topTools, human, failed, scores, totals] = await Promise.all([
    q<{ b: number; cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, ${bucketSql} AS b, coalesce(s."domain", '(none)') AS cat, count(*)::int AS n
       FROM scoped s GROUP BY 1, 2, 3`,
    ),
    q<{ b: number; cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, ${bucketSql} AS b, coalesce(qq."source"::text, 'no query') AS cat, count(*)::int AS n
       FROM scoped s LEFT JOIN "Query" qq ON qq."id" = s."queryId" GROUP BY 1, 2, 3`,
    ),
    q<{ system: number; human: number; assistant: number; reasoning: number; tool_call: number; tool_output: number }>(
      `${SCOPED} SELECT s.scope, sum(s."tokensSystem")::float8 AS system, sum(s."tokensHuman")::float8 AS human,
         sum(s."tokensAssistant")::float8 AS assistant, sum(s."tokensReasoning")::float8 AS reasoning,
         sum(s."tokensToolCall")::float8 AS tool_call, sum(s."tokensToolOutput")::float8 AS tool_output
       FROM scoped s GROUP BY 1`,
    ),
    q<{ cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, CASE WHEN s."toolCallCount" = 0 THEN '0' WHEN s."toolCallCount" < 10 THEN '1–9'
         WHEN s."toolCallCount" < 25 THEN '10–24' WHEN s."toolCallCount" < 50 THEN '25–49'
         WHEN s."toolCallCount" < 100 THEN '50–99' ELSE '≥100' END AS cat, count(*)::int AS n FROM scoped s GROUP BY 1, 2`,
    ),
    q<{ cat: string; n: number }>(
      `${SCOPED}, tools AS (
         SELECT s.scope, st."toolName" AS cat, count(*)::int AS n FROM scoped s
         JOIN "Revision" r ON r."trajectoryId" = s."id" AND r."number" = CASE WHEN s.scope = 'pool' THEN s."headNumber" ELSE s."approvedNumber" END
         CROSS JOIN LATERAL unnest(r."stepIds") u(sid)
         JOIN "Step" st ON st."id" = u.sid AND st."kind" = 'tool_call' AND st."toolName" IS NOT NULL
         GROUP BY 1, 2)
       SELECT scope, cat, n FROM (SELECT *, row_number() OVER (PARTITION BY scope ORDER BY n DESC, cat) AS rk FROM tools) x WHERE rk <= 12`,
    ),
    q<{ cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, CASE WHEN s."humanTurnCount" >= 6 THEN '≥6' ELSE s."humanTurnCount"::text END AS cat,
         count(*)::int AS n FROM scoped s GROUP BY 1, 2`,
    ),
    q<{ cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, CASE WHEN s."failedToolCallCount" = 0 THEN '0' WHEN s."failedToolCallCount" = 1 THEN '1'
         WHEN s."failedToolCallCount" = 2 THEN '2' WHEN s."failedToolCallCount" <= 5 THEN '3–5' ELSE '≥6' END AS cat,
         count(*)::int AS n FROM scoped s GROUP BY 1, 2`,
    ),
    q<{ cat: string; n: number }>(
      `${SCOPED} SELECT s.scope, v.key AS cat, round(avg((v.value)::numeric), 2)::float8 AS n
       FROM scoped s JOIN "Review" rv ON rv."trajectoryId" = s."id"
         AND (s.scope = 'pool' OR rv."revisionNumber" = s."approvedNumber")
       CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(rv."scores") = 'object' THEN rv."scores" ELSE '{}'::jsonb END) v
       GROUP BY 1, 2`,
    ),
    q<{ n: number; tokens: number; toolCalls: number; failed: number; humanTurns: number }>(
      `${SCOPED} SELECT s.scope, count(*)::int AS n, coalesce(sum(s."tokensTotal"), 0)::float8 AS tokens,
         coalesce(sum(s."toolCallCount"), 0)::int AS "toolCalls", coalesce(sum(s."failedToolCallCount"), 0)::int AS failed,
         coalesce(sum(s."humanTurnCount"), 0)::int AS "humanTurns"
       FROM scoped s GROUP BY 1`,
    ),
  ]);
  const lengthOrder = LENGTH_BUCKETS.map((_, i) => lengthLabel(i));
  /** Per scope: one row per length bucket with a column per domain (or source). */
  const byScope = (rows: { scope: string; b: number; cat: string; n: number }[]) => {
    const cats = [...new Set(rows.map((r) => r.cat))].sort();
    const out: Record<string, Row[]> = {};
    for (const scope of SCOPES) {
      const table = lengthOrder.map(
        (label) => ({ category: label, ...Object.fromEntries(cats.map((c) => [c, 0])) }) as Row,
      );
      for (const r of rows) if (r.scope === scope) table[r.b][r.cat] = r.n;
      out[scope] = table;
    }
    return { categories: cats, rows: out };
  };
  const shareRows = ["system", "human", "assistant", "reasoning", "tool_call", "tool_output"].map((kind) => {
    const row: Row = { category: kind.replace("_", " ") };
    for (const scope of SCOPES) {
      const s = shares.find((x) => x.scope === scope) as Record<string, number> | undefined;
      const total = s
        ? ["system", "human", "assistant", "reasoning", "tool_call", "tool_output"].reduce(
            (a, k) => a + Number(s[k]),
            0,
          )
        : 0;
      row[scope] = total ? Math.round((Number(s![kind]) / total) * 1000) / 10 : 0;
    }
    return row;
  });
  const topToolNames = [
    ...new Set(
      topTools.filter((t) => t.scope === "pool" || t.scope === "approved" || t.scope === "set").map((t) => t.cat),
    ),
  ];
  return {
    totals: Object.fromEntries(
      SCOPES.map((s) => [
        s,
        totals.find((t) => t.scope === s) ?? { n: 0, tokens: 0, toolCalls: 0, failed: 0, humanTurns: 0 },
      ]),
    ),
    lengthByDomain: byScope(lengthDomain),
    lengthBySource: byScope(lengthSource),
    tokenShare: shareRows,
    toolCalls: pivot(
      toolHist.map((r) => ({ ...r, cat: r.cat })),
      ["0", "1–9", "10–24", "25–49", "50–99", "≥100"],
    ),
    topTools: pivot(topTools, topToolNames).slice(0, 15),
    humanTurns: pivot(human, ["0", "1", "2", "3", "4", "5", "≥6"]),
    failedToolCalls: pivot(failed, ["0", "1", "2", "3–5", "≥6"]),
    reviewScores: pivot(scores),
  };
}
