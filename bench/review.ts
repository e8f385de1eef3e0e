/**
 * Review queue and agreement at scale. Seeds a project with N trajectories in review (default
 * 100,000; generated in SQL, each with its revision 1), then runs R reviewers (default 20) at once,
 * each looping "next for me" → submit a verdict (the app's own functions, through the app's one pg
 * pool), for a fixed number of claims each. Prints "next for me" p50/p95 next to a primary-key
 * lookup measured in the same run, and the number of items two reviewers held at the same time
 * (must be 0). The submits are timed too (p50/p95 in the race), and a short pass of one reviewer
 * alone after the race counts the SQL round trips of one claim and of one submit. Then times the agreement module (project figures: alpha per criterion, Fleiss,
 * pairs, first-error) over 10,000 reviews next to sorting the same rows.
 *
 * With --probe, a trivial statement (SELECT 1) is also sent through the same pool every 20 ms during
 * the race, to show what any statement waits there (the pool queue and the CPU) at that load.
 *
 * With --explain, one more claim and submit after the race run with auto_explain (ANALYZE, BUFFERS)
 * on the app's pool, and every statement's plan is printed.
 *
 *   npx tsx bench/review.ts [--rows 100000] [--reviewers 20] [--claims 25] [--reviews 10000] [--probe] [--explain]
 */
import { parseArgs } from "node:util";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "100000" },
    reviewers: { type: "string", default: "20" },
    claims: { type: "string", default: "25" },
    reviews: { type: "string", default: "10000" },
    probe: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
  },
});
const ROWS = Number(values.rows);
const REVIEWERS = Number(values.reviewers);
const CLAIMS = Number(values.claims);
const REVIEWS = Number(values.reviews);

const database = await createTestDatabase("limi_bench_review");
process.env.DATABASE_URL = database.url;
resetEnvCache();
const { disconnectDb } = await import("@/lib/db/client");
const { pgPool, closePgPool } = await import("@/lib/db/pg-pool");
const { createProject } = await import("@/lib/projects/projects");
const { nextForMe } = await import("@/lib/review/review-queue");
const { submitReview } = await import("@/lib/review/submit-review");
const { projectAgreement, pairAgreement } = await import("@/lib/review/project-agreement");
const { DEFAULT_RUBRIC } = await import("@/lib/review/rubric");

const project = await createProject({ slug: "bench", name: "Bench" }, null);
const pool = pgPool();
const seedStart = performance.now();
await pool.query(
  `INSERT INTO "User" ("id","email","name","passwordHash","updatedAt")
   SELECT 'r' || g, 'r' || g || '@bench.local', 'Reviewer ' || g, 'x', now() FROM generate_series(1, $1) g`,
  [REVIEWERS],
);
await pool.query(
  `INSERT INTO "Membership" ("id","projectId","userId","role","updatedAt")
   SELECT 'm' || g, $1, 'r' || g, 'reviewer', now() FROM generate_series(1, $2) g`,
  [project.id, REVIEWERS],
);
await pool.query(
  `INSERT INTO "Trajectory" ("id","projectId","title","status","contentHash","format","headNumber","headRevisionId","updatedAt","createdAt")
   SELECT 't' || g, $1, 'Bench trajectory #' || g, 'in_review', md5(g::text), 'openai-chat', 1, 'v' || g, now(), now() - (g || ' seconds')::interval
   FROM generate_series(1, $2) g`,
  [project.id, ROWS],
);
await pool.query(
  `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","reason","stepIds","reviewState")
   SELECT 'v' || g, $1, 't' || g, 1, 'imported original', '{}', 'in_review' FROM generate_series(1, $2) g`,
  [project.id, ROWS],
);
// Priorities 0..4 and ages spread, as a lead's queue would have them.
await pool.query(
  `INSERT INTO "ReviewItem" ("trajectoryId","projectId","queue","revisionNumber","priority","enqueuedAt")
   SELECT 't' || g, $1, 'review', 1, g % 5, now() - (g || ' seconds')::interval FROM generate_series(1, $2) g`,
  [project.id, ROWS],
);
await pool.query(`ANALYZE "ReviewItem"; ANALYZE "Trajectory"; ANALYZE "Revision"`);
const seedMs = performance.now() - seedStart;

const pct = (ms: number[], p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))];
const fmt = (x: number) => x.toFixed(2).padStart(8);
const { loadavg } = await import("node:os");

// Reference: a primary-key lookup through the same pool, under no contention.
const pk: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await pool.query(`SELECT "id","title" FROM "Trajectory" WHERE "id"=$1`, [`t${1 + ((i * 7919) % ROWS)}`]);
  pk.push(performance.now() - t);
}
pk.sort((a, b) => a - b);

// One reviewer alone (no pool queueing): claim → release, the query cost of "next for me" itself.
const { releaseClaim } = await import("@/lib/review/review-queue");
const aloneMs: number[] = [];
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  const c = await nextForMe(project.id, "r1", "review");
  aloneMs.push(performance.now() - t);
  if (c) await releaseClaim(project.id, c.trajectoryId, "r1", c.claimId);
}
aloneMs.sort((a, b) => a - b);

// The race: every reviewer loops claim → submit. Holding intervals are recorded to find overlaps.
const holds: Array<{ trajectoryId: string; who: string; from: number; to: number }> = [];
const nextMs: number[] = [];
const submitMs: number[] = [];
const scores = Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, 4]));
let empty = 0;
const probeMs: number[] = [];
let racing = true;
const probe = (async () => {
  while (values.probe && racing) {
    const t = performance.now();
    await pool.query("SELECT 1");
    probeMs.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
const runStart = performance.now();
await Promise.all(
  Array.from({ length: REVIEWERS }, async (_, w) => {
    const who = `r${w + 1}`;
    for (let i = 0; i < CLAIMS; i++) {
      const t = performance.now();
      const claim = await nextForMe(project.id, who, "review");
      const got = performance.now();
      nextMs.push(got - t);
      if (!claim) {
        empty++;
        continue;
      }
      await submitReview(
        project.id,
        claim.trajectoryId,
        {
          claimId: claim.claimId,
          revisionNumber: 1,
          verdict: i % 7 === 0 ? "needs_changes" : "accept",
          scores,
          comment: "bench",
        },
        who,
      );
      const submitted = performance.now();
      submitMs.push(submitted - got);
      holds.push({ trajectoryId: claim.trajectoryId, who, from: got, to: submitted });
    }
  }),
);
const runMs = performance.now() - runStart;
racing = false;
await probe;
probeMs.sort((a, b) => a - b);
const loadAfterRace = loadavg()[0];
nextMs.sort((a, b) => a - b);
submitMs.sort((a, b) => a - b);

const reviewRows = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Review"`);

// One reviewer alone after the race: SQL round trips (queries sent on any pool connection) of one
// claim and of one submit, and their times without queueing.
const pg = (await import("pg")).default;
const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const sendQuery = clientProto.query;
let roundTrips = 0;
clientProto.query = function (this: unknown, ...args: unknown[]) {
  roundTrips++;
  return sendQuery.apply(this, args);
};
const alone = { claimTrips: 0, submitTrips: 0, n: 0, submitMs: [] as number[] };
for (let i = 0; i < 20; i++) {
  roundTrips = 0;
  const claim = await nextForMe(project.id, "r1", "review");
  alone.claimTrips += roundTrips;
  if (!claim) continue;
  roundTrips = 0;
  const t = performance.now();
  await submitReview(
    project.id,
    claim.trajectoryId,
    { claimId: claim.claimId, revisionNumber: 1, verdict: "accept", scores, comment: "bench" },
    "r1",
  );
  alone.submitMs.push(performance.now() - t);
  alone.submitTrips += roundTrips;
  alone.n++;
}
clientProto.query = sendQuery;
alone.submitMs.sort((a, b) => a - b);
const byItem = new Map<string, typeof holds>();
for (const h of holds) byItem.set(h.trajectoryId, [...(byItem.get(h.trajectoryId) ?? []), h]);
let doubleClaimed = 0;
for (const list of byItem.values()) {
  list.sort((a, b) => a.from - b.from);
  if (list.some((h, i) => i > 0 && h.from < list[i - 1].to && h.who !== list[i - 1].who)) doubleClaimed++;
}

console.log(`\nmachine load average (1 min) after the race: ${loadAfterRace.toFixed(1)} (cores: 2)`);
console.log(
  `\nReview queue: ${ROWS.toLocaleString("en")} trajectories in review (seeded in ${(seedMs / 1000).toFixed(1)} s), ` +
    `${REVIEWERS} reviewers at once, ${CLAIMS} claims each (claim → submit), app pool of 4 connections`,
);
console.log(`                                   p50 ms   p95 ms`);
console.log(
  `"next for me" (claim)            ${fmt(pct(nextMs, 0.5))} ${fmt(pct(nextMs, 0.95))}   (${nextMs.length} calls, ${empty} found nothing)`,
);
console.log(
  `"next for me", one reviewer alone ${fmt(pct(aloneMs, 0.5))} ${fmt(pct(aloneMs, 0.95))}   (claim, then release; no queueing for the pool)`,
);
console.log(`reference: primary-key lookup    ${fmt(pct(pk, 0.5))} ${fmt(pct(pk, 0.95))}`);
if (probeMs.length)
  console.log(
    `probe: SELECT 1 during the race  ${fmt(pct(probeMs, 0.5))} ${fmt(pct(probeMs, 0.95))}   (${probeMs.length} probes, same pool)`,
  );
console.log(
  `submit (in the race)             ${fmt(pct(submitMs, 0.5))} ${fmt(pct(submitMs, 0.95))}   (${submitMs.length} submits, ${(submitMs.length / (runMs / 1000)).toFixed(0)} claim+submit per second)`,
);
console.log(
  `submit, one reviewer alone       ${fmt(pct(alone.submitMs, 0.5))} ${fmt(pct(alone.submitMs, 0.95))}   ` +
    `(SQL round trips: ${(alone.submitTrips / Math.max(1, alone.n)).toFixed(1)} per submit, ${(alone.claimTrips / 20).toFixed(1)} per claim)`,
);
console.log(
  `items held by two reviewers at once: ${doubleClaimed}   (reviews written: ${reviewRows.rows[0].n}, run ${(runMs / 1000).toFixed(1)} s)`,
);

if (values.explain) {
  // A new pool whose connections start with auto_explain loaded and send each statement's plan back
  // as a notice (settings given at connection start, so no query races the app's first one).
  await closePgPool();
  const settings = [
    "session_preload_libraries=auto_explain",
    "auto_explain.log_min_duration=0",
    "auto_explain.log_analyze=on",
    "auto_explain.log_buffers=on",
    "auto_explain.log_level=notice",
  ];
  const url = new URL(database.url);
  url.searchParams.set("options", settings.map((x) => `-c ${x}`).join(" "));
  process.env.DATABASE_URL = url.toString();
  resetEnvCache();
  const plans: string[] = [];
  pgPool().on("connect", (c) => c.on("notice", (n) => plans.push(n.message ?? "")));
  const claim = await nextForMe(project.id, "r2", "review");
  if (claim)
    await submitReview(
      project.id,
      claim.trajectoryId,
      { claimId: claim.claimId, revisionNumber: 1, verdict: "accept", scores, comment: "bench" },
      "r2",
    );
  console.log(`\nPlans of one claim and one submit (auto_explain, ANALYZE, BUFFERS):\n`);
  for (const plan of plans) console.log(`${plan}\n`);
}

// Agreement over REVIEWS reviews: two reviewers per revision, scores correlated, some first errors.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const rows = Array.from({ length: REVIEWS }, (_, i) => {
  const unit = Math.floor(i / 2);
  const base = 1 + (unit % 5);
  return {
    trajectoryId: `t${unit}`,
    revisionNumber: 1,
    reviewerId: `r${1 + ((unit + (i % 2) * 3) % REVIEWERS)}`,
    verdict: rand() < 0.8 ? "accept" : rand() < 0.5 ? "reject" : "needs_changes",
    scores: Object.fromEntries(
      DEFAULT_RUBRIC.map((c) => [c.key, Math.max(1, Math.min(5, base + Math.round(rand() * 2 - 1)))]),
    ),
    firstErrorIndex: rand() < 0.5 ? null : Math.floor(rand() * 40),
  };
});
const agreeMs: number[] = [];
const sortMs: number[] = [];
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  projectAgreement(rows, DEFAULT_RUBRIC);
  pairAgreement(rows);
  agreeMs.push(performance.now() - t);
  t = performance.now();
  [...rows].sort((a, b) => (a.trajectoryId < b.trajectoryId ? -1 : a.trajectoryId > b.trajectoryId ? 1 : 0));
  sortMs.push(performance.now() - t);
}
agreeMs.sort((a, b) => a - b);
sortMs.sort((a, b) => a - b);
const figures = projectAgreement(rows, DEFAULT_RUBRIC);
console.log(
  `\nAgreement over ${REVIEWS.toLocaleString("en")} reviews (${figures.units} revisions; α per criterion ordinal + interval, ` +
    `verdict α and Fleiss, first-error, reviewer pairs): median ${agreeMs[3].toFixed(1)} ms, worst ${agreeMs[6].toFixed(1)} ms`,
);
console.log(`reference: sorting the same rows by trajectory: median ${sortMs[3].toFixed(1)} ms`);
console.log(
  `(verdict α ${figures.verdictAlpha?.toFixed(3)}, task completion interval α ${figures.criteria[0].interval?.toFixed(3)})\n`,
);

await closePgPool();
await disconnectDb();
await database.dispose();
