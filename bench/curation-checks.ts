/**
 * A set's checks at LIMI's size: 78 approved samples averaging ~42k tokens (generated: code, logs and
 * prose in tool outputs, with secrets of a dozen kinds sprinkled in), checked the way the checks
 * route does (read the approved revisions, validation, the secretlint + own-rules scan, findings
 * stored). Prints the median of a few runs next to a plain read of the same rows (the step bodies
 * of the same revisions, as text) measured in the same run. Target: validation and scan under 2 s.
 *
 *   npx tsx bench/curation-checks.ts [--samples 78] [--tokens 42000] [--runs 3]
 */
import { parseArgs } from "node:util";
import os from "node:os";
import { createTestDatabase } from "@/lib/db/testing/test-database";
import { resetEnvCache } from "@/lib/env";
import type { ParsedStep, ParsedTrajectory } from "@/lib/trajectory/types";
import { fillerText, SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";

const { values } = parseArgs({
  options: {
    samples: { type: "string", default: "78" },
    tokens: { type: "string", default: "42000" },
    runs: { type: "string", default: "3" },
  },
});
const SAMPLES = Number(values.samples);
const TOKENS = Number(values.tokens);
const RUNS = Number(values.runs);

const database = await createTestDatabase("limi_bench_checks");
process.env.DATABASE_URL = database.url;
resetEnvCache();
const { disconnectDb } = await import("@/lib/db/client");
const { pgPool, closePgPool, withPgTransaction } = await import("@/lib/db/pg-pool");
const { createProject } = await import("@/lib/projects/projects");
const { storeTrajectory } = await import("@/lib/trajectory/store/insert-trajectory");
const { computeTokenStats } = await import("@/lib/tokens/stats");
const { getTokenizer, loadTokenizer } = await import("@/lib/tokens/registry");
const { findSet, loadSetSamples } = await import("@/lib/curation/gate/set-samples");
const { validateSamples } = await import("@/lib/curation/gate/validation/rules");
const { scanSample } = await import("@/lib/curation/gate/redaction/scan");
const { runChecks } = await import("@/lib/curation/gate/run-checks");

await loadTokenizer();
const tokenizer = getTokenizer();
const project = await createProject({ slug: "bench", name: "Bench" }, null);
const pool = pgPool();
await pool.query(
  `INSERT INTO "User" ("id","email","name","passwordHash","updatedAt") VALUES ('lead','lead@bench.local','Lead','x',now())`,
);
const secrets = Object.values(SEEDED).map(([text]) => text);

// Samples of 30 to 60 tool rounds; lengths vary around the mean (LIMI: 13k to 152k tokens).
function sample(i: number): ParsedTrajectory {
  const scale = 0.2 + ((i * 37) % 100) / 62;
  const chars = Math.round(TOKENS * 4.1 * scale);
  const rounds = 30 + (i % 31);
  const steps: ParsedStep[] = [{ kind: "human", text: `Task ${i}: make the failing integration tests pass.` }];
  for (let r = 0; r < rounds; r++) {
    let output = fillerText(Math.round(chars / rounds), i + r);
    if ((i + r) % 9 === 0) output += `\n${secrets[(i + r) % secrets.length]}\n`;
    steps.push({ kind: "reasoning", text: "Look at the failing test output first.", hidden: false });
    steps.push({
      kind: "tool_call",
      callId: `c${r}`,
      name: "bash",
      arguments: { command: `pytest -x tests/test_${r}.py`, timeout: 120 },
    });
    steps.push({ kind: "tool_result", callId: `c${r}`, output, isError: false, truncated: false });
  }
  steps.push({ kind: "assistant", text: "All tests pass now; the fixture path was wrong." });
  return { format: "openai-chat", title: `Bench sample ${i}`, tools: [], steps, source: {}, warnings: [] };
}

const seedStart = performance.now();
let totalTokens = 0;
const ids: string[] = [];
for (let i = 0; i < SAMPLES; i++) {
  const parsed = sample(i);
  const stats = computeTokenStats(parsed.steps, parsed.tools, tokenizer);
  totalTokens += stats.totals.tokensTotal;
  const r = await withPgTransaction((client) => storeTrajectory(client, { projectId: project.id, parsed, stats }));
  ids.push(r.trajectoryId);
}
await pool.query(`UPDATE "Trajectory" SET "status"='approved', "approvedNumber"=1 WHERE "projectId"=$1`, [project.id]);
await pool.query(`UPDATE "Revision" SET "reviewState"='approved' WHERE "projectId"=$1`, [project.id]);
const setRow = await pool.query<{ id: string }>(
  `INSERT INTO "CurationSet" ("id","projectId","name","updatedAt") VALUES ('set',$1,'Bench set',now()) RETURNING "id"`,
  [project.id],
);
for (const id of ids)
  await pool.query(`INSERT INTO "CurationItem" ("setId","trajectoryId","projectId") VALUES ('set',$1,$2)`, [
    id,
    project.id,
  ]);
const tokens = await pool.query<{ avg: number; bytes: number }>(
  `SELECT avg("tokensTotal")::int AS "avg", (SELECT sum(length(b."data"::text)) FROM "StepBody" b JOIN "Step" s ON s."id"=b."stepId" WHERE s."projectId"=$1)::bigint AS "bytes"
   FROM "Trajectory" WHERE "projectId"=$1`,
  [project.id],
);
console.log(
  `seeded ${SAMPLES} samples, avg ${tokens.rows[0].avg.toLocaleString("en-US")} tokens (${(Number(tokens.rows[0].bytes) / 1e6).toFixed(1)} MB of step bodies) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const set = await findSet(project.id, setRow.rows[0].id);
const plain: number[] = [];
const read: number[] = [];
const validate: number[] = [];
const scan: number[] = [];
const full: number[] = [];
let found = 0;
for (let r = 0; r < RUNS; r++) {
  plain.push(
    await time(() =>
      pool.query(
        `SELECT t."id", s."key", s."tokens", b."data"::text AS "data" FROM "Trajectory" t
         JOIN "Revision" r ON r."trajectoryId" = t."id" AND r."number" = t."approvedNumber"
         CROSS JOIN LATERAL unnest(r."stepIds") WITH ORDINALITY AS u("id","ord")
         JOIN "Step" s ON s."id" = u."id" JOIN "StepBody" b ON b."stepId" = s."id"
         WHERE t."projectId" = $1 AND t."id" = ANY($2) ORDER BY t."id", u."ord"`,
        [project.id, ids],
      ),
    ),
  );
  let loaded: Awaited<ReturnType<typeof loadSetSamples>> | null = null;
  read.push(await time(async () => (loaded = await loadSetSamples(set))));
  validate.push(await time(async () => validateSamples(loaded!.samples, { maxTokensPerSample: 125_000 })));
  scan.push(
    await time(async () => {
      found = 0;
      for (const s of loaded!.samples) found += (await scanSample(s)).length;
    }),
  );
  full.push(await time(() => runChecks(project.id, set.id, "lead", { rateLimit: false })));
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
console.log(
  `\nload average: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")} (2 cores)`,
);
console.log(`total tokens: ${totalTokens.toLocaleString("en-US")}; secrets found per scan: ${found}`);
console.log("| step | median of runs |\n| --- | --- |");
console.log(`| plain read of the same rows (reference) | ${ms(median(plain))} |`);
console.log(`| read + parse the samples (loadSetSamples) | ${ms(median(read))} |`);
console.log(`| validation (all rules) | ${ms(median(validate))} |`);
console.log(`| redaction scan (secretlint + own rules) | ${ms(median(scan))} |`);
console.log(`| the whole run, findings stored (runChecks) | ${ms(median(full))} (target < 2,000 ms) |`);

await disconnectDb();
await closePgPool();
await database.dispose();
