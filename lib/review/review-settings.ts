/**
 * Reading and changing a project's review settings. A change that would orphan existing scores (a
 * criterion removed, or its scale narrowed below scores already given) is refused naming the
 * criterion, so past reviews always stay readable against the rubric.
 */
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { recordAuditSql } from "@/lib/audit/record-audit-sql";
import { DEFAULT_REVIEW_SETTINGS, ReviewSettingsSchema, type ReviewSettings } from "@/lib/review/rubric";

type Queryable = Pick<pg.PoolClient, "query">;

export async function getReviewSettings(projectId: string, client: Queryable = pgPool()): Promise<ReviewSettings> {
  const r = await client.query<ReviewSettings>(
    `SELECT "rubric","requiredReviews","agreementThreshold","claimTtlSeconds","queueNewTrajectories" FROM "ReviewSettings" WHERE "projectId"=$1`,
    [projectId],
  );
  return r.rows[0] ?? DEFAULT_REVIEW_SETTINGS;
}

async function orphanedScores(client: Queryable, projectId: string, next: ReviewSettings): Promise<string | null> {
  const used = await client.query<{ key: string; lo: number; hi: number; n: number }>(
    `SELECT k AS key, min((r."scores"->>k)::int) AS lo, max((r."scores"->>k)::int) AS hi, count(*)::int AS n
       FROM "Review" r, jsonb_object_keys(r."scores") k WHERE r."projectId"=$1 GROUP BY k`,
    [projectId],
  );
  for (const u of used.rows) {
    const c = next.rubric.find((x) => x.key === u.key);
    if (!c) return `criterion "${u.key}" has ${u.n} score(s) in existing reviews and cannot be removed`;
    if (u.lo < c.min || u.hi > c.max)
      return `criterion "${u.key}" has existing scores from ${u.lo} to ${u.hi}, outside the new scale ${c.min}–${c.max}`;
  }
  return null;
}

export async function updateReviewSettings(projectId: string, input: unknown, actorId: string | null) {
  const parsed = ReviewSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".");
    throw new AppError("VALIDATION", `${field || "settings"}: ${issue.message}`, { location: { field } });
  }
  const next = parsed.data;
  return withPgTransaction(async (client) => {
    // Serialises concurrent rubric changes against the orphan check.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('review-settings:' || $1))`, [projectId]);
    const orphan = await orphanedScores(client, projectId, next);
    if (orphan) throw new AppError("VALIDATION", orphan, { location: { field: "rubric" } });
    await client.query(
      `INSERT INTO "ReviewSettings" ("projectId","rubric","requiredReviews","agreementThreshold","claimTtlSeconds","queueNewTrajectories","updatedAt")
       VALUES ($1,$2,$3,$4,$5,$6,now())
       ON CONFLICT ("projectId") DO UPDATE SET "rubric"=$2,"requiredReviews"=$3,"agreementThreshold"=$4,"claimTtlSeconds"=$5,"queueNewTrajectories"=$6,"updatedAt"=now()`,
      [
        projectId,
        JSON.stringify(next.rubric),
        next.requiredReviews,
        next.agreementThreshold,
        next.claimTtlSeconds,
        next.queueNewTrajectories,
      ],
    );
    await recordAuditSql(client, {
      projectId,
      actorId,
      action: "review.settings.update",
      targetType: "Project",
      targetId: projectId,
      data: next,
    });
    return next;
  });
}
