/**
 * The queue pages: items waiting in a queue (who holds them, who they are assigned to, how many
 * verdicts are in), per-person progress for leads, and the lead's assignment and priority changes.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { recordAuditSql } from "@/lib/audit/record-audit-sql";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { reviewRoom } from "@/lib/review/review-room";
import { LIVE_ITEM } from "@/lib/review/deleted-trajectories";

export const QUEUES = ["review", "adjudication", "edit"] as const;

export const QueueListQuery = z.object({
  queue: z.enum(QUEUES).default("review"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listQueue(projectId: string, q: z.infer<typeof QueueListQuery>) {
  const pool = pgPool();
  const [items, total] = await Promise.all([
    pool.query<{
      trajectoryId: string;
      title: string;
      revisionNumber: number;
      priority: number;
      enqueuedAt: Date;
      assignee: string | null;
      assigneeId: string | null;
      claimedBy: string | null;
      claimedById: string | null;
      claimExpiresAt: Date | null;
      reviews: number;
    }>(
      `SELECT i."trajectoryId", t."title", i."revisionNumber", i."priority", i."enqueuedAt", a."name" AS "assignee", i."assigneeId",
              CASE WHEN i."claimExpiresAt" > now() THEN c."name" END AS "claimedBy",
              CASE WHEN i."claimExpiresAt" > now() THEN i."claimedById" END AS "claimedById",
              CASE WHEN i."claimExpiresAt" > now() THEN i."claimExpiresAt" END AS "claimExpiresAt",
              (SELECT count(*)::int FROM "Review" r WHERE r."trajectoryId"=i."trajectoryId" AND r."revisionNumber"=i."revisionNumber") AS "reviews"
         FROM "ReviewItem" i JOIN "Trajectory" t ON t."id"=i."trajectoryId"
         LEFT JOIN "User" a ON a."id"=i."assigneeId" LEFT JOIN "User" c ON c."id"=i."claimedById"
        WHERE i."projectId"=$1 AND i."queue"=$2 AND t."deletedAt" IS NULL
        ORDER BY i."priority" DESC, i."enqueuedAt", i."trajectoryId" LIMIT $3 OFFSET $4`,
      [projectId, q.queue, q.pageSize, (q.page - 1) * q.pageSize],
    ),
    pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "ReviewItem" i WHERE "projectId"=$1 AND "queue"=$2 ${LIVE_ITEM}`,
      [projectId, q.queue],
    ),
  ]);
  return { items: items.rows, total: total.rows[0].n, page: q.page, pageSize: q.pageSize };
}

/** Per person: reviews submitted (today, in all), items assigned and claims held. */
export async function reviewerProgress(projectId: string) {
  const r = await pgPool().query<{
    userId: string;
    name: string;
    role: string;
    reviewsToday: number;
    reviewsTotal: number;
    assigned: number;
    claimed: number;
  }>(
    `SELECT u."id" AS "userId", u."name", m."role",
            (SELECT count(*)::int FROM "Review" r WHERE r."projectId"=$1 AND r."reviewerId"=u."id" AND r."createdAt" >= date_trunc('day', now())) AS "reviewsToday",
            (SELECT count(*)::int FROM "Review" r WHERE r."projectId"=$1 AND r."reviewerId"=u."id") AS "reviewsTotal",
            (SELECT count(*)::int FROM "ReviewItem" i WHERE i."projectId"=$1 AND i."assigneeId"=u."id" ${LIVE_ITEM}) AS "assigned",
            (SELECT count(*)::int FROM "ReviewItem" i WHERE i."projectId"=$1 AND i."claimedById"=u."id" AND i."claimExpiresAt" > now() ${LIVE_ITEM}) AS "claimed"
       FROM "Membership" m JOIN "User" u ON u."id"=m."userId"
      WHERE m."projectId"=$1 ORDER BY u."name"`,
    [projectId],
  );
  return r.rows;
}

export const AssignSchema = z
  .object({
    trajectoryIds: z.array(z.string().min(1).max(64)).min(1, "name at least one trajectory").max(1000),
    /** null clears the assignment; absent leaves it. */
    assigneeId: z.string().min(1).max(64).nullable().optional(),
    priority: z.number().int().min(-100).max(100).optional(),
  })
  .refine((a) => a.assigneeId !== undefined || a.priority !== undefined, {
    message: "give an assignee, a priority, or both",
    path: ["assigneeId"],
  });

export async function assignItems(projectId: string, input: z.infer<typeof AssignSchema>, actorId: string) {
  const ids = [...new Set(input.trajectoryIds)];
  return withPgTransaction(async (client) => {
    if (input.assigneeId) {
      const m = await client.query(`SELECT 1 FROM "Membership" WHERE "projectId"=$1 AND "userId"=$2`, [
        projectId,
        input.assigneeId,
      ]);
      if (!m.rowCount)
        throw new AppError("VALIDATION", `${input.assigneeId} is not a member of this project`, {
          location: { field: "assigneeId" },
        });
    }
    const r = await client.query<{ trajectoryId: string }>(
      `UPDATE "ReviewItem" SET "assigneeId"=CASE WHEN $3 THEN $4 ELSE "assigneeId" END,
              "priority"=COALESCE($5, "priority")
        WHERE "projectId"=$1 AND "trajectoryId" = ANY($2) RETURNING "trajectoryId"`,
      [projectId, ids, input.assigneeId !== undefined, input.assigneeId ?? null, input.priority ?? null],
    );
    const missing = ids.find((id) => !r.rows.some((x) => x.trajectoryId === id));
    if (missing)
      throw new AppError("VALIDATION", `trajectory ${missing} is not waiting in a queue of this project`, {
        location: { field: `trajectoryIds[${ids.indexOf(missing)}]` },
      });
    await recordAuditSql(client, {
      projectId,
      actorId,
      action: "review.assign",
      targetType: "Trajectory",
      targetId: ids.length === 1 ? ids[0] : null,
      data: { trajectoryIds: ids, assigneeId: input.assigneeId, priority: input.priority },
    });
    await notifyProjectEvent(client, {
      projectId,
      room: reviewRoom(projectId),
      event: "review:changed",
      data: { trajectoryIds: ids.slice(0, 100) },
    });
    return { updated: ids.length };
  });
}
