/**
 * The release gate: a set can be locked as a release only when its checks ran over exactly its
 * current samples (each item's approved revision now) and no finding is open. Called by the
 * release lock inside its transaction; what it returns is stored on the Release (`validation`).
 */
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors/app-error";
import { ITEM_REVISIONS_SQL, sampleKeys, type ItemRevision } from "@/lib/curation/gate/set-samples";
import { ruleLabel } from "@/lib/curation/gate/findings";

/** How many open findings the refusal names. */
const NAMED = 5;

interface GateFinding {
  id: string;
  trajectoryId: string;
  revisionNumber: number;
  category: string;
  rule: string;
  kind: string | null;
  stepKey: string | null;
  message: string;
  status: string;
  waiverReason: string | null;
  waivedById: string | null;
  waivedAt: Date | null;
  redactedRevision: number | null;
}

export async function assertReleasable(
  tx: Prisma.TransactionClient,
  projectId: string,
  setId: string,
): Promise<{ findings: unknown[]; waivers: unknown[] }> {
  // Checks and redactions of this set wait for the lock (and the lock for them).
  await tx.$queryRawUnsafe(`SELECT 1 FROM "CurationSet" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`, setId, projectId);
  const runs = await tx.$queryRawUnsafe<
    Array<{ samples: Array<{ trajectoryId: string; revision: number }>; ranAt: Date }>
  >(`SELECT "samples","ranAt" FROM "CurationCheckRun" WHERE "setId"=$1 AND "projectId"=$2`, setId, projectId);
  const run = runs[0];
  if (!run)
    throw new AppError("CONFLICT", "the set's checks have not been run: run them (Checks) before releasing", {
      details: { reason: "checks-not-run" },
    });
  const items = await tx.$queryRawUnsafe<ItemRevision[]>(ITEM_REVISIONS_SQL, projectId, setId);
  const current = sampleKeys(items.filter((i) => i.revision !== null && !i.deleted));
  const unapproved = items.filter((i) => i.revision === null || i.deleted).length;
  if (unapproved > 0 || sampleKeys(run.samples).join() !== current.join())
    throw new AppError(
      "CONFLICT",
      `the set changed since its checks ran (${run.ranAt.toISOString()})${unapproved ? `; ${unapproved} item${unapproved === 1 ? " has" : "s have"} no approved revision` : ""}: run the checks again before releasing`,
      { details: { reason: "checks-stale" } },
    );

  const inSet = run.samples.map((s) => s.trajectoryId);
  const findings = await tx.$queryRawUnsafe<GateFinding[]>(
    `SELECT "id","trajectoryId","revisionNumber","category","rule","kind","stepKey","message","status"::text AS "status",
       "waiverReason","waivedById","waivedAt","redactedRevision"
     FROM "CurationFinding" WHERE "setId"=$1 AND "projectId"=$2 AND "trajectoryId" = ANY($3)
       AND "status" IN ('open','waived','redacted')
     ORDER BY "category" DESC, "rule", "trajectoryId", "stepKey"`,
    setId,
    projectId,
    inSet,
  );
  const open = findings.filter((f) => f.status === "open");
  if (open.length > 0) {
    const named = open
      .slice(0, NAMED)
      .map(
        (f) => `${ruleLabel(f.category, f.rule, f.kind)} in ${f.trajectoryId}${f.stepKey ? ` step ${f.stepKey}` : ""}`,
      );
    throw new AppError(
      "CONFLICT",
      `the set has ${open.length} open finding${open.length === 1 ? "" : "s"}: redact, fix or waive ${open.length === 1 ? "it" : "them"} before releasing (${named.join("; ")}${open.length > NAMED ? `; and ${open.length - NAMED} more` : ""})`,
      { details: { reason: "open-findings", open: open.length, first: open.slice(0, NAMED).map((f) => f.id) } },
    );
  }
  return {
    findings: findings
      .filter((f) => f.status === "redacted")
      .map((f) => ({
        id: f.id,
        trajectoryId: f.trajectoryId,
        rule: f.rule,
        kind: f.kind,
        stepKey: f.stepKey,
        redactedRevision: f.redactedRevision,
      })),
    waivers: findings
      .filter((f) => f.status === "waived")
      .map((f) => ({
        id: f.id,
        trajectoryId: f.trajectoryId,
        revision: f.revisionNumber,
        rule: f.rule,
        kind: f.kind,
        stepKey: f.stepKey,
        message: f.message,
        reason: f.waiverReason,
        byId: f.waivedById,
        at: f.waivedAt?.toISOString() ?? null,
      })),
  };
}
