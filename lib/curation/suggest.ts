/** Suggest for one set: reads the set and the approved pool, runs suggest-core, writes nothing. */
import { pgPool } from "@/lib/db/pg-pool";
import { getSet } from "@/lib/curation/sets";
import { APPROVED_FROM, APPROVED_WHERE, SCORE_SQL } from "@/lib/curation/pool-sql";
import { tokenCountSql } from "@/lib/curation/token-rule";
import { suggest, diversity, type SuggestCandidate } from "@/lib/curation/suggest-core";

/** Tool names used by each approved trajectory of the project (its approved revision's calls). */
async function toolSets(projectId: string): Promise<Map<string, string[]>> {
  const r = await pgPool().query<{ id: string; tools: string[] }>(
    `SELECT t."id", array_agg(DISTINCT s."toolName") AS "tools"
     FROM ${APPROVED_FROM}
     CROSS JOIN LATERAL unnest(r."stepIds") u(sid)
     JOIN "Step" s ON s."id" = u.sid AND s."kind" = 'tool_call' AND s."toolName" IS NOT NULL
     WHERE ${APPROVED_WHERE} GROUP BY t."id"`,
    [projectId],
  );
  return new Map(r.rows.map((x) => [x.id, x.tools]));
}

export async function suggestForSet(projectId: string, setId: string) {
  const { set, items } = await getSet(projectId, setId);
  const [pool, tools] = await Promise.all([
    pgPool().query<Omit<SuggestCandidate, "tools">>(
      `SELECT t."id", t."title", t."domain", ${tokenCountSql("t")}::int AS "tokens", t."queryId", ${SCORE_SQL} AS "score"
       FROM ${APPROVED_FROM} WHERE ${APPROVED_WHERE}`,
      [projectId],
    ),
    toolSets(projectId),
  ]);
  const withTools = (c: Omit<SuggestCandidate, "tools">): SuggestCandidate => ({ ...c, tools: tools.get(c.id) ?? [] });
  const current = items.map((i) =>
    withTools({ id: i.id, title: i.title, domain: i.domain, tokens: i.tokens, queryId: i.queryId, score: i.score }),
  );
  const suggestions = suggest({
    targetSize: set.targetSize,
    quotas: set.quotas,
    maxTokensPerSample: set.maxTokensPerSample,
    current,
    pool: pool.rows.map(withTools),
  });
  const byId = new Map(pool.rows.map((c) => [c.id, c]));
  const after = [...current, ...suggestions.map((s) => withTools(byId.get(s.id)!))];
  return {
    version: set.version,
    suggestions,
    slotsLeft: Math.max(0, set.targetSize - items.length),
    diversity: { before: diversity(current), after: diversity(after) },
  };
}
