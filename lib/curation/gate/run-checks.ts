/**
 * Runs a set's checks: validation over its samples, the redaction scan of each, and stores the
 * findings. A finding keeps its identity across runs (its fingerprint: rule, trajectory, step and
 * what was found, not the revision), so a waiver survives a re-run; an open finding a run no longer
 * finds becomes `resolved` (fixed in the editor, or its item left the set). The run records which
 * revision of each sample it checked: the release gate needs a run over exactly the current samples.
 */
import { createHash } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { findSet, loadSetSamples } from "@/lib/curation/gate/set-samples";
import { validateSamples } from "@/lib/curation/gate/validation/rules";
import { scanSample } from "@/lib/curation/gate/redaction/scan";
import type { RawFinding } from "@/lib/curation/gate/sample";

export const fingerprintOf = (f: RawFinding) =>
  createHash("sha256")
    .update([f.category, f.rule, f.trajectoryId, f.stepKey ?? "", f.detail].join("|"))
    .digest("hex");

/** Runs per user per minute: a run reads and scans every sample of the set. */
export const CHECK_RUN_LIMIT = { points: 12, duration: 60 };
const holder = globalThis as { __limiCheckRuns?: RateLimiterMemory; __limiChecksRunning?: Set<string> };
const limiter = () =>
  (holder.__limiCheckRuns ??= new RateLimiterMemory({ keyPrefix: "curation-checks", ...CHECK_RUN_LIMIT }));
const running = () => (holder.__limiChecksRunning ??= new Set());

export interface CheckCounts {
  samples: number;
  open: number;
  openValidation: number;
  openSecrets: number;
  waived: number;
  redacted: number;
  resolved: number;
}

export async function runChecks(
  projectId: string,
  setId: string,
  actorId: string,
  /** False for internal callers (fixtures, the benchmark): the cap is for requests. */
  opts: { rateLimit?: boolean } = {},
): Promise<{ counts: CheckCounts; durationMs: number; ranAt: string }> {
  const set = await findSet(projectId, setId);
  try {
    if (opts.rateLimit !== false) await limiter().consume(actorId);
  } catch {
    throw new AppError(
      "RATE_LIMITED",
      `checks were run ${CHECK_RUN_LIMIT.points} times in the last minute; wait a minute and run them again`,
    );
  }
  if (running().has(setId)) throw new AppError("CONFLICT", "the checks of this set are running already");
  running().add(setId);
  try {
    const started = performance.now();
    const { samples, unapproved } = await loadSetSamples(set);
    const findings = [...unapproved, ...validateSamples(samples, { maxTokensPerSample: set.maxTokensPerSample })];
    for (const s of samples) findings.push(...(await scanSample(s)));
    const durationMs = Math.round(performance.now() - started);
    const rows = findings.map((f) => ({
      projectId,
      setId,
      trajectoryId: f.trajectoryId,
      revisionNumber: f.revision,
      category: f.category,
      rule: f.rule,
      kind: f.kind ?? null,
      stepKey: f.stepKey ?? null,
      stepIndex: f.stepIndex ?? null,
      field: f.field ?? null,
      start: f.start ?? null,
      end: f.end ?? null,
      secretHash: f.secretHash ?? null,
      message: f.message,
      preview: f.preview,
      fingerprint: fingerprintOf(f),
    }));
    // The same fingerprint twice in one run (one secret twice in one text) is one finding.
    const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()];

    return await withPgTransaction(async (client) => {
      // One writer per set at a time (another instance's run, a redaction in flight).
      await client.query(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 FOR UPDATE`, [setId]);
      await client.query(
        `INSERT INTO "CurationFinding" ("id","projectId","setId","trajectoryId","revisionNumber","category","rule","kind",
           "stepKey","stepIndex","field","start","end","secretHash","message","preview","fingerprint","updatedAt")
         SELECT gen_random_uuid()::text, x."projectId", x."setId", x."trajectoryId", x."revisionNumber", x."category", x."rule",
           x."kind", x."stepKey", x."stepIndex", x."field", x."start", x."end", x."secretHash", x."message", x."preview",
           x."fingerprint", now()
         FROM jsonb_to_recordset($1::jsonb) AS x("projectId" text, "setId" text, "trajectoryId" text, "revisionNumber" int,
           "category" text, "rule" text, "kind" text, "stepKey" text, "stepIndex" int, "field" text, "start" int, "end" int,
           "secretHash" text, "message" text, "preview" text, "fingerprint" text)
         ON CONFLICT ("setId","fingerprint") DO UPDATE SET
           "revisionNumber"=EXCLUDED."revisionNumber", "kind"=EXCLUDED."kind", "stepIndex"=EXCLUDED."stepIndex",
           "field"=EXCLUDED."field", "start"=EXCLUDED."start", "end"=EXCLUDED."end", "secretHash"=EXCLUDED."secretHash",
           "message"=EXCLUDED."message", "preview"=EXCLUDED."preview", "updatedAt"=now(),
           "status" = CASE WHEN "CurationFinding"."status"='waived' THEN 'waived'::"CurationFindingStatus" ELSE 'open' END`,
        [JSON.stringify(unique)],
      );
      await client.query(
        `UPDATE "CurationFinding" SET "status"='resolved', "updatedAt"=now()
         WHERE "setId"=$1 AND "status"='open' AND NOT ("fingerprint" = ANY($2))`,
        [setId, unique.map((r) => r.fingerprint)],
      );
      const counts = await countFindings(client, setId, samples.length);
      const ranAt = new Date();
      await client.query(
        `INSERT INTO "CurationCheckRun" ("setId","projectId","samples","counts","durationMs","ranById","ranAt")
         VALUES ($1,$2,$3,$4,$5,$6,$7)
         ON CONFLICT ("setId") DO UPDATE SET "samples"=EXCLUDED."samples", "counts"=EXCLUDED."counts",
           "durationMs"=EXCLUDED."durationMs", "ranById"=EXCLUDED."ranById", "ranAt"=EXCLUDED."ranAt"`,
        [
          setId,
          projectId,
          JSON.stringify(samples.map((s) => ({ trajectoryId: s.trajectoryId, revision: s.revision }))),
          JSON.stringify(counts),
          durationMs,
          actorId,
          ranAt,
        ],
      );
      await recordAudit(
        {
          projectId,
          actorId,
          action: "curation.checks.run",
          targetType: "CurationSet",
          targetId: setId,
          data: { ...counts, durationMs },
        },
        client,
      );
      return { counts, durationMs, ranAt: ranAt.toISOString() };
    });
  } finally {
    running().delete(setId);
  }
}

export async function countFindings(
  client: { query: (sql: string, p: unknown[]) => Promise<{ rows: unknown[] }> },
  setId: string,
  samples: number,
): Promise<CheckCounts> {
  const r = await client.query(
    `SELECT "status"::text AS "status", "category", count(*)::int AS "n" FROM "CurationFinding" WHERE "setId"=$1 GROUP BY 1, 2`,
    [setId],
  );
  const rows = r.rows as Array<{ status: string; category: string; n: number }>;
  const sum = (p: (x: { status: string; category: string }) => boolean) => rows.filter(p).reduce((a, x) => a + x.n, 0);
  return {
    samples,
    open: sum((x) => x.status === "open"),
    openValidation: sum((x) => x.status === "open" && x.category === "validation"),
    openSecrets: sum((x) => x.status === "open" && x.category === "secret"),
    waived: sum((x) => x.status === "waived"),
    redacted: sum((x) => x.status === "redacted"),
    resolved: sum((x) => x.status === "resolved"),
  };
}
