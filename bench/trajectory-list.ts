/**
 * The Trajectories list at 100k rows: seeds a project with N trajectory rows (default 100,000)
 * with varied statistics, then times the list query (count + page, as the API runs it) for the
 * page's common filters and sorts, each next to a reference measured in the same run: a primary-key
 * lookup of one row (the floor of a round trip). Prints whether PostgreSQL used an index.
 *
 *   npx tsx bench/trajectory-list.ts [--rows 100000] [--runs 20]
 */
import { parseArgs } from "node:util";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, runs: { type: "string", default: "20" } },
});
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);

const database = await createTestDatabase("limi_bench_list");
process.env.DATABASE_URL = database.url;
resetEnvCache();
const { db, disconnectDb } = await import("@/lib/db/client");
const { createProject } = await import("@/lib/projects/projects");
const { listTrajectories } = await import("@/lib/trajectory/list-trajectories");
const { TrajectoryListQuerySchema } = await import("@/lib/trajectory/list-query");

const project = await createProject({ slug: "bench", name: "Bench" }, null);
const seedStart = performance.now();
// Generated in SQL: 100k rows in a few seconds, with words that text search can find.
await db().$executeRawUnsafe(`
  INSERT INTO "Trajectory" ("id","projectId","title","status","domain","contentHash","format","stepCount","tokensTotal","toolCallCount",
    "failedToolCallCount","humanTurnCount","firstHumanMessage","updatedAt","createdAt")
  SELECT 't' || g, '${project.id}',
    (ARRAY['Fix flaky test','Build Gomoku page','Survey datasets','Refactor parser','Migrate build'])[1 + g % 5] || ' #' || g,
    (ARRAY['imported','in_review','reviewed','approved','rejected'])[1 + g % 5]::"TrajectoryStatus",
    (ARRAY['Vibe Coding','Research Workflows'])[1 + g % 2], md5(g::text),
    (ARRAY['claude-code','codex-cli','sii-cli','openai-chat','gemini-cli'])[1 + (g / 7) % 5],
    20 + g % 400, 13000 + (g * 7919) % 139000, g % 120, g % 9, 1 + g % 6,
    'Please ' || (ARRAY['add undo to the board','explain the regression','port the scheduler','write the report'])[1 + g % 4] || ' for case ' || g,
    now(), now() - (g || ' seconds')::interval
  FROM generate_series(1, ${ROWS}) g`);
await db().$executeRawUnsafe(`ANALYZE "Trajectory"`);
const seedMs = performance.now() - seedStart;

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  await fn();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(RUNS / 2)], p95: ms[Math.min(RUNS - 1, Math.floor(RUNS * 0.95))] };
}

const reference = await time(() =>
  db().trajectory.findUnique({ where: { id: `t${Math.floor(ROWS / 2)}` }, select: { id: true, title: true } }),
);

const cases: Array<[string, Record<string, string>]> = [
  ["newest first, page 1", {}],
  ["page 500", { page: "500" }],
  ["sort by tokens", { sort: "tokensTotal", order: "desc" }],
  ["format filter", { format: "sii-cli" }],
  ["status + domain", { status: "approved", domain: "Research Workflows" }],
  ["token range", { minTokens: "40000", maxTokens: "45000" }],
  ["min tool calls + feedback", { minToolCalls: "100", hasHumanFeedback: "true" }],
  ["text search", { q: "regression" }],
  ["rare text search", { q: "case 77777" }],
];

console.log(
  `\nTrajectories list with ${ROWS.toLocaleString()} rows (seeded in ${(seedMs / 1000).toFixed(1)} s), ${RUNS} runs each`,
);
console.log(
  `reference: primary-key lookup of one row  p50 ${reference.p50.toFixed(2)} ms  p95 ${reference.p95.toFixed(2)} ms\n`,
);
console.log(
  [
    "query".padEnd(28),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "× ref".padStart(7),
    "rows".padStart(8),
    "  index used",
  ].join(""),
);
for (const [name, q] of cases) {
  const query = TrajectoryListQuerySchema.parse(q);
  const t = await time(() => listTrajectories(project.id, query));
  const page = await listTrajectories(project.id, query);
  const where = [`"projectId" = '${project.id}'`];
  if (q.format) where.push(`"format" = '${q.format}'`);
  if (q.status) where.push(`"status" = '${q.status}'`);
  if (q.q) where.push(`("title" ILIKE '%${q.q}%' OR "firstHumanMessage" ILIKE '%${q.q}%')`);
  if (q.minTokens) where.push(`"tokensTotal" BETWEEN ${q.minTokens} AND ${q.maxTokens}`);
  const plan = await db().$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(
    `EXPLAIN SELECT "id" FROM "Trajectory" WHERE ${where.join(" AND ")} ORDER BY "${query.sort}" ${query.order} LIMIT 50`,
  );
  const index = plan
    .map((p) => p["QUERY PLAN"])
    .join(" ")
    .match(/Index[^(]*? on "?Trajectory"?|using "?(\w+)"?|Bitmap Index Scan on "?(\w+)"?/g);
  console.log(
    [
      name.padEnd(28),
      t.p50.toFixed(1).padStart(8),
      t.p95.toFixed(1).padStart(8),
      (t.p50 / reference.p50).toFixed(1).padStart(7),
      String(page.total).padStart(8),
      `  ${index ? [...new Set(index)].join(", ") : "none (sequential scan)"}`,
    ].join(""),
  );
}

await disconnectDb();
await database.dispose();
