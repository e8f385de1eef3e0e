/**
 * Reading a set's findings, and a lead's waiver. A waiver needs a reason, is audited, and holds
 * across re-runs (the finding keeps its fingerprint); only an open finding can be waived.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { recordAudit } from "@/lib/audit/record-audit";
import { findSet, itemRevisions, sampleKeys } from "@/lib/curation/gate/set-samples";
import { countFindings, type CheckCounts } from "@/lib/curation/gate/run-checks";
import { VALIDATION_RULES } from "@/lib/curation/gate/validation/rules";

export const FINDING_STATUSES = ["open", "redacted", "waived", "resolved"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface FindingView {
  id: string;
  trajectoryId: string;
  trajectoryTitle: string;
  revisionNumber: number;
  category: "validation" | "secret";
  rule: string;
  ruleLabel: string;
  kind: string | null;
  stepKey: string | null;
  stepIndex: number | null;
  field: string | null;
  message: string;
  preview: string;
  status: FindingStatus;
  /** A one-click redaction is possible (a secret, or a secret annotation on a text range). */
  redactable: boolean;
  waiverReason: string | null;
  waivedBy: string | null;
  waivedAt: string | null;
  redactedRevision: number | null;
  purgedAt: string | null;
}

/** How many findings one listing returns at most (a set of 78 rarely has more than a few dozen). */
export const FINDINGS_SHOWN = 2000;

export const ruleLabel = (category: string, rule: string, kind: string | null) =>
  category === "secret" ? `Secret: ${kind}` : (VALIDATION_RULES[rule as keyof typeof VALIDATION_RULES] ?? rule);

const FINDING_SELECT = `SELECT f."id", f."trajectoryId", t."title" AS "trajectoryTitle", f."revisionNumber", f."category", f."rule",
  f."kind", f."stepKey", f."stepIndex", f."field", f."message", f."preview", f."status"::text AS "status",
  f."secretHash" IS NOT NULL AS "redactable", f."waiverReason", u."name" AS "waivedBy", f."waivedAt", f."redactedRevision", f."purgedAt"
  FROM "CurationFinding" f JOIN "Trajectory" t ON t."id" = f."trajectoryId"
  LEFT JOIN "User" u ON u."id" = f."waivedById"`;

type Row = Omit<FindingView, "ruleLabel" | "waivedAt" | "purgedAt"> & { waivedAt: Date | null; purgedAt: Date | null };
const view = (r: Row): FindingView => ({
  ...r,
  field: r.field ? r.field.split("/").slice(1).join(".") : null,
  ruleLabel: ruleLabel(r.category, r.rule, r.kind),
  waivedAt: r.waivedAt?.toISOString() ?? null,
  purgedAt: r.purgedAt?.toISOString() ?? null,
});

export interface ChecksView {
  set: { id: string; name: string; maxTokensPerSample: number };
  run: { ranAt: string; ranBy: string | null; durationMs: number; samples: number; stale: boolean } | null;
  counts: CheckCounts;
  findings: FindingView[];
  truncated: boolean;
}

export async function listChecks(projectId: string, setId: string): Promise<ChecksView> {
  const set = await findSet(projectId, setId);
  const [run, items, rows] = await Promise.all([
    pgPool().query<{
      samples: Array<{ trajectoryId: string; revision: number }>;
      durationMs: number;
      ranAt: Date;
      ranBy: string | null;
    }>(
      `SELECT r."samples", r."durationMs", r."ranAt", u."name" AS "ranBy" FROM "CurationCheckRun" r
       LEFT JOIN "User" u ON u."id" = r."ranById" WHERE r."setId"=$1`,
      [setId],
    ),
    itemRevisions(projectId, setId),
    pgPool().query<Row>(
      `${FINDING_SELECT} WHERE f."setId"=$1 AND f."projectId"=$2
       ORDER BY f."status"='open' DESC, f."category" DESC, f."rule", f."kind", t."title", f."trajectoryId", f."stepIndex" NULLS FIRST
       LIMIT ${FINDINGS_SHOWN + 1}`,
      [setId, projectId],
    ),
  ]);
  const r = run.rows[0];
  const current = sampleKeys(items.filter((i) => i.revision !== null && !i.deleted));
  return {
    set: { id: set.id, name: set.name, maxTokensPerSample: set.maxTokensPerSample },
    run: r
      ? {
          ranAt: r.ranAt.toISOString(),
          ranBy: r.ranBy,
          durationMs: r.durationMs,
          samples: r.samples.length,
          stale: sampleKeys(r.samples).join() !== current.join() || items.some((i) => i.revision === null || i.deleted),
        }
      : null,
    counts: await countFindings(pgPool(), setId, r?.samples.length ?? 0),
    findings: rows.rows.slice(0, FINDINGS_SHOWN).map(view),
    truncated: rows.rows.length > FINDINGS_SHOWN,
  };
}

/** One finding of the set, locked for a change; NOT_FOUND when it is not this set's. */
export async function lockFinding(
  client: { query: (sql: string, p: unknown[]) => Promise<{ rows: unknown[] }> },
  projectId: string,
  setId: string,
  findingId: string,
) {
  const r = await client.query(
    `SELECT * FROM "CurationFinding" WHERE "id"=$1 AND "setId"=$2 AND "projectId"=$3 FOR UPDATE`,
    [findingId, setId, projectId],
  );
  const f = r.rows[0] as FindingRow | undefined;
  if (!f)
    throw new AppError("NOT_FOUND", `finding ${findingId} not found in this set`, { location: { field: "findingId" } });
  return f;
}

export interface FindingRow {
  id: string;
  projectId: string;
  setId: string;
  trajectoryId: string;
  revisionNumber: number;
  category: string;
  rule: string;
  kind: string | null;
  stepKey: string | null;
  stepIndex: number | null;
  field: string | null;
  start: number | null;
  end: number | null;
  secretHash: string | null;
  message: string;
  status: FindingStatus;
  purgedAt: Date | null;
}

/** Refuses a change of a finding that is no longer open, saying what happened to it. */
export function assertOpen(f: FindingRow): void {
  if (f.status === "open") return;
  const what = {
    redacted: "redacted already",
    waived: "waived already",
    resolved: "resolved already (a later run no longer found it)",
  }[f.status as Exclude<FindingStatus, "open">];
  throw new AppError("CONFLICT", `this finding was ${what}; nothing was changed`, { details: { status: f.status } });
}

export const WaiveSchema = z.object({
  reason: z
    .string({ error: "give a reason for the waiver" })
    .trim()
    .min(3, "give a reason for the waiver (3 characters or more)")
    .max(500),
});

export async function waiveFinding(
  projectId: string,
  setId: string,
  findingId: string,
  input: z.infer<typeof WaiveSchema>,
  actorId: string,
): Promise<FindingView> {
  await findSet(projectId, setId);
  await withPgTransaction(async (client) => {
    const f = await lockFinding(client, projectId, setId, findingId);
    assertOpen(f);
    await client.query(
      `UPDATE "CurationFinding" SET "status"='waived', "waiverReason"=$2, "waivedById"=$3, "waivedAt"=now(), "updatedAt"=now() WHERE "id"=$1`,
      [findingId, input.reason, actorId],
    );
    await recordAudit(
      {
        projectId,
        actorId,
        action: "curation.finding.waive",
        targetType: "CurationFinding",
        targetId: findingId,
        data: { setId, trajectoryId: f.trajectoryId, rule: f.rule, kind: f.kind, reason: input.reason },
      },
      client,
    );
  });
  return getFinding(projectId, findingId);
}

export async function getFinding(projectId: string, findingId: string): Promise<FindingView> {
  const r = await pgPool().query<Row>(`${FINDING_SELECT} WHERE f."id"=$1 AND f."projectId"=$2`, [findingId, projectId]);
  if (!r.rows[0])
    throw new AppError("NOT_FOUND", `finding ${findingId} not found`, { location: { field: "findingId" } });
  return view(r.rows[0]);
}
