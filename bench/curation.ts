/**
 * The curation board at scale. Seeds (in SQL) a project with N trajectories (default 100,000), A of
 * them approved (default 10,000) with two reviews each and a query for half of them, and a set of 60
 * items. Then times the board's own functions (the pool page with filters and sorts, and the set
 * with its quota counts) next to a primary-key lookup and a plain read of the same rows, measured in
 * the same run, and prints the machine's load average with the figures. Target: board p95 < 150 ms.
 *
 *   npx tsx bench/curation.ts [--rows 100000] [--approved 10000] [--runs 40] [--explain]
 *
 * `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of every query each board case sends, once.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    approved: { type: "string", default: "10000" },
    runs: { type: "string", default: "40" },
    explain: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const APPROVED = Number(values.approved);
const RUNS = Number(values.runs);

const database = await createTestDatabase("limi_bench_curation");
process.env.DATABASE_URL = database.url;
resetEnvCache();
const { disconnectDb } = await import("@/lib/db/client");
const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
const { createProject } = await import("@/lib/projects/projects");
const { listPool } = await import("@/lib/curation/pool");
const { getSet } = await import("@/lib/curation/sets");
const { PoolQuery } = await import("@/lib/curation/schemas");
const { reviewAgreementSql, reviewScoreSql } = await import("@/lib/review/approved-review-columns");
const { refreshRuleTokens } = await import("@/lib/trajectory/store/rule-tokens");

const project = await createProject({ slug: "bench", name: "Bench" }, null);
const pool = pgPool();
const seedStart = performance.now();
// Every 10th trajectory is approved (A of N); the rest are in review. Lengths 5k–160k, domains alternate.
await pool.query(
  `INSERT INTO "Query" ("id","projectId","text","domain","source","status","updatedAt")
   SELECT 'q' || g, $1, 'Bench task number ' || g || ' about ' || md5(g::text), CASE WHEN g % 2 = 0 THEN 'Vibe Coding' ELSE 'Research Workflows' END,
     (ARRAY['human','pr_synthesized','imported'])[1 + g % 3]::"QuerySource", 'accepted', now()
   FROM generate_series(1, $2) g`,
  [project.id, Math.ceil(APPROVED / 2)],
);
const every = Math.max(1, Math.floor(ROWS / APPROVED));
await pool.query(
  `INSERT INTO "Trajectory" ("id","projectId","title","status","domain","queryId","contentHash","format","headNumber","headRevisionId",
     "approvedNumber","tokensTotal","templateOverhead","toolDefinitionTokens","toolCallCount","humanTurnCount","stepCount","updatedAt","createdAt")
   SELECT 't' || g, $1, 'Bench trajectory #' || g,
     (CASE WHEN g % $3 = 0 THEN 'approved' ELSE 'in_review' END)::"TrajectoryStatus",
     CASE WHEN g % 2 = 0 THEN 'Vibe Coding' ELSE 'Research Workflows' END,
     CASE WHEN g % $3 = 0 AND (g / $3) % 2 = 0 THEN 'q' || (1 + (g / $3 / 2) % $4) END,
     md5(g::text), 'openai-chat', 1, 'v' || g,
     CASE WHEN g % $3 = 0 THEN 1 END,
     5000 + (g * 7919) % 155000, 300 + g % 500, 800 + g % 1200, g % 120, g % 9, 20 + g % 400, now(), now() - (g || ' seconds')::interval
   FROM generate_series(1, $2) g`,
  [project.id, ROWS, every, Math.ceil(APPROVED / 2)],
);
await pool.query(
  `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","reason","stepIds","reviewState")
   SELECT 'v' || g, $1, 't' || g, 1, 'imported original', '{}',
     (CASE WHEN g % $3 = 0 THEN 'approved' ELSE 'in_review' END)::"TrajectoryStatus"
   FROM generate_series(1, $2) g`,
  [project.id, ROWS, every],
);
await pool.query(
  `INSERT INTO "User" ("id","email","name","passwordHash","updatedAt")
   VALUES ('ra','ra@bench.local','A','x',now()), ('rb','rb@bench.local','B','x',now())`,
);
await pool.query(
  `INSERT INTO "Review" ("id","projectId","trajectoryId","revisionNumber","reviewerId","verdict","scores")
   SELECT 'w' || g || r.id, $1, 't' || g, 1, r.id,
     (CASE WHEN r.id = 'rb' AND g % 7 = 0 THEN 'needs_changes' ELSE 'accept' END)::"ReviewVerdict",
     jsonb_build_object('task_completion', 1 + g % 5, 'efficiency', 1 + (g + 1) % 5, 'correctness', 1 + (g / 3) % 5)
   FROM generate_series($3::int, $2::int, $3::int) g CROSS JOIN (VALUES ('ra'), ('rb')) r(id)`,
  [project.id, ROWS, every],
);
// The board reads the approved revision's stored columns, which lib/review writes at approval;
// the seed skips lib/review, so it fills them with the same SQL.
await pool.query(
  `UPDATE "Trajectory" t SET "reviewScore" = ${reviewScoreSql("t", `t."approvedNumber"`)},
     "reviewAgreement" = ${reviewAgreementSql("t", `t."approvedNumber"`)}
   WHERE t."projectId" = $1 AND t."approvedNumber" IS NOT NULL`,
  [project.id],
);
await refreshRuleTokens(pool, project.id);
const set = await pool.query<{ id: string }>(
  `INSERT INTO "CurationSet" ("id","projectId","name","quotas","updatedAt")
   VALUES ('set1', $1, 'Bench set', '{"Vibe Coding": 39, "Research Workflows": 39}', now()) RETURNING "id"`,
  [project.id],
);
const setId = set.rows[0].id;
await pool.query(
  `INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") SELECT $1, 't' || (g * $3), $2 FROM generate_series(1, 60) g`,
  [setId, project.id, every],
);
// VACUUM as autovacuum would: the column updates above leave a dead version of every approved row.
await pool.query(`VACUUM ANALYZE`);
const seedMs = performance.now() - seedStart;

const pct = (ms: number[], p: number) =>
  [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(ms.length * p))];
const fmt = (x: number) => x.toFixed(2).padStart(8);
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const q = (s: string) => PoolQuery.parse(Object.fromEntries(new URLSearchParams(s)));
const cases: Array<[string, string]> = [
  ["pool: default (score ↓)", ""],
  ["pool: domain + token range, sort tokens", "domain=Vibe%20Coding&minTokens=20000&maxTokens=125000&sort=tokens"],
  ["pool: source + min score, sort agreement", "source=human&minScore=3&sort=agreement&dir=asc"],
  ["pool: text search, sort tool calls", "q=%23123&sort=toolCalls"],
  ["pool: min tool calls + human turns, page 20", "minToolCalls=30&minHumanTurns=2&sort=humanTurns&page=20"],
];
/** EXPLAIN ANALYZE of every query `fn` sends through the pool (each run once more, for its plan). */
async function explain(label: string, fn: () => Promise<unknown>) {
  const sent: Array<[string, unknown[]]> = [];
  const query = pool.query.bind(pool);
  (pool as unknown as { query: unknown }).query = (sql: string, params: unknown[]) => {
    sent.push([sql, params]);
    return query(sql, params);
  };
  try {
    await fn();
  } finally {
    (pool as unknown as { query: unknown }).query = query;
  }
  for (const [sql, params] of sent) {
    if (!/^\s*SELECT/i.test(sql) || !/"Trajectory"/.test(sql)) continue;
    const plan = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(`\n-- ${label}\n${sql.replace(/\s+/g, " ").slice(0, 300)}…`);
    for (const r of plan.rows) console.log(r["QUERY PLAN"]);
  }
}

const results: Array<[string, number[]]> = [];
let sampleIds: string[] = [];
for (const [label, qs] of cases) {
  const filters = q(qs);
  if (values.explain) await explain(label, () => listPool(project.id, setId, filters));
  results.push([label, await time(() => listPool(project.id, setId, filters))]);
  if (!sampleIds.length) sampleIds = (await listPool(project.id, setId, filters)).rows.map((r) => r.id);
}
if (values.explain) await explain("set with quota counts", () => getSet(project.id, setId));
results.push(["set with quota counts (60 items)", await time(() => getSet(project.id, setId))]);

const pk = await time(() => pool.query(`SELECT "id","title" FROM "Trajectory" WHERE "id"=$1`, [sampleIds[0]]));
const plain = await time(() =>
  pool.query(
    `SELECT "id","title","domain","tokensTotal","toolCallCount","humanTurnCount" FROM "Trajectory" WHERE "id" = ANY($1)`,
    [sampleIds],
  ),
);

const [l1, l5, l15] = loadavg();
console.log(
  `\nCuration board: ${ROWS.toLocaleString("en")} trajectories, ${APPROVED.toLocaleString("en")} approved with 2 reviews each ` +
    `(seeded in ${(seedMs / 1000).toFixed(1)} s), a set of 60; ${RUNS} runs each`,
);
console.log(`machine load average: ${l1.toFixed(1)} / ${l5.toFixed(1)} / ${l15.toFixed(1)} (1/5/15 min; 2 cores)`);
console.log(`                                              p50 ms   p95 ms`);
for (const [label, ms] of results) console.log(`${label.padEnd(44)} ${fmt(pct(ms, 0.5))} ${fmt(pct(ms, 0.95))}`);
console.log(`${"reference: primary-key lookup".padEnd(44)} ${fmt(pct(pk, 0.5))} ${fmt(pct(pk, 0.95))}`);
console.log(
  `${"reference: plain read of the page's 25 rows".padEnd(44)} ${fmt(pct(plain, 0.5))} ${fmt(pct(plain, 0.95))}`,
);
const worst = Math.max(...results.map(([, ms]) => pct(ms, 0.95)));
console.log(`board p95 worst case ${worst.toFixed(1)} ms (target < 150 ms)\n`);

await closePgPool();
await disconnectDb();
await database.dispose();
