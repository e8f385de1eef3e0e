/**
 * The queues' claims: leased rows on ReviewItem. "Next for me" takes the first item I may work on
 * (assigned to me first, then by priority and age), locking it with FOR UPDATE SKIP LOCKED so two
 * people asking at once never get the same one; the claim expires after the project's TTL unless
 * the page heartbeats, and completion is a conditional update on the claim id (see submit-review).
 * Someone holding a live claim in a queue gets it again instead of a second one.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { notifyProjectEvent, PROJECT_EVENTS_CHANNEL, projectEventPayload } from "@/lib/live/project-events";
import { claimRefusal } from "@/lib/review/review-policy";
import { getReviewSettings } from "@/lib/review/review-settings";
import { DEFAULT_REVIEW_SETTINGS } from "@/lib/review/rubric";
import { reviewRoom } from "@/lib/review/review-room";
import { LIVE_ITEM } from "@/lib/review/deleted-trajectories";

export const WORK_QUEUES = ["review", "edit"] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export const ClaimRefSchema = z.object({ claimId: z.string().min(1).max(64) });

export interface Claim {
  trajectoryId: string;
  revisionNumber: number;
  claimId: string;
  claimExpiresAt: Date;
  queue: WorkQueue;
}

// A deleted trajectory keeps its item (an undo puts it back where it was) but is never handed out.
const PICK = `"projectId"=$1 AND "queue"=$2 AND ("claimExpiresAt" IS NULL OR "claimExpiresAt" < now())
    AND NOT ($3 = ANY("excludedUserIds")) ${LIVE_ITEM}`;
const ORDER = `ORDER BY "priority" DESC, "enqueuedAt", "trajectoryId" LIMIT 1 FOR UPDATE SKIP LOCKED`;

/**
 * One statement, so a claim holds a connection for one round trip: my live claim if I have one;
 * else the first item assigned to me, else the first unassigned one (two index-ordered probes
 * rather than one sort; the second runs only when the first found nothing, and neither when I
 * already hold a claim), locked with SKIP LOCKED and leased for the project's TTL. A claim this call
 * made also queues its `review:claimed` notification (an output column, so it is always evaluated).
 */
const CLAIM = `WITH held AS (
    SELECT "trajectoryId","revisionNumber","claimId","claimExpiresAt" FROM "ReviewItem"
     WHERE "projectId"=$1 AND "queue"=$2 AND "claimedById"=$3 AND "claimExpiresAt" > now() LIMIT 1
  ), mine AS (
    SELECT "trajectoryId" FROM "ReviewItem" i
     WHERE NOT EXISTS (SELECT 1 FROM held) AND ${PICK} AND "assigneeId"=$3 ${ORDER}
  ), open AS (
    SELECT "trajectoryId" FROM "ReviewItem" i
     WHERE NOT EXISTS (SELECT 1 FROM held) AND NOT EXISTS (SELECT 1 FROM mine) AND ${PICK}
       AND "assigneeId" IS NULL ${ORDER}
  ), chosen AS (
    SELECT "trajectoryId" FROM mine UNION ALL SELECT "trajectoryId" FROM open
  ), claimed AS (
    UPDATE "ReviewItem" r SET "claimId"=$4, "claimedById"=$3,
           "claimExpiresAt"=now() + make_interval(secs => COALESCE(
             (SELECT "claimTtlSeconds" FROM "ReviewSettings" WHERE "projectId"=$1), $5))
      FROM chosen WHERE r."trajectoryId"=chosen."trajectoryId"
    RETURNING r."trajectoryId", r."revisionNumber", r."claimId", r."claimExpiresAt"
  )
  SELECT *, pg_notify($6, jsonb_set($7::jsonb, '{data,trajectoryId}', to_jsonb("trajectoryId"))::text)::text AS "notified"
    FROM claimed
  UNION ALL SELECT *, NULL FROM held`;

export async function nextForMe(projectId: string, userId: string, queue: WorkQueue): Promise<Claim | null> {
  // One atomic statement outside an explicit transaction, with the NOTIFY that tells the other
  // reviewers' pages to refresh (PostgreSQL sends it when the statement commits, and only for a
  // claim this call made); the payload is completed with the claimed trajectory's id in SQL.
  const r = await pgPool().query<Omit<Claim, "queue">>(CLAIM, [
    projectId,
    queue,
    userId,
    randomUUID(),
    DEFAULT_REVIEW_SETTINGS.claimTtlSeconds,
    PROJECT_EVENTS_CHANNEL,
    projectEventPayload({
      projectId,
      room: reviewRoom(projectId),
      event: "review:claimed",
      data: { trajectoryId: null, queue, claimedById: userId },
    }),
  ]);
  const row = r.rows[0];
  if (!row) return null;
  return {
    trajectoryId: row.trajectoryId,
    revisionNumber: row.revisionNumber,
    claimId: row.claimId,
    claimExpiresAt: row.claimExpiresAt,
    queue,
  };
}

/** Why a conditional update on a claim found nothing, as the error to answer with. */
export async function claimRefusalError(
  client: pg.PoolClient,
  projectId: string,
  trajectoryId: string,
  userId: string,
  claimId: string,
) {
  const r = await client.query<{ claimId: string | null; claimedById: string | null; claimExpiresAt: Date | null }>(
    `SELECT "claimId","claimedById","claimExpiresAt" FROM "ReviewItem" WHERE "trajectoryId"=$1 AND "projectId"=$2`,
    [trajectoryId, projectId],
  );
  const row = r.rows[0] ?? { claimId: null, claimedById: null, claimExpiresAt: null };
  const why = claimRefusal({ userId, ...row, presentedClaimId: claimId, now: new Date() });
  return new AppError("CONFLICT", why ?? "this claim is no longer held", { location: { field: "claimId" } });
}

/** Extends my live claim by the TTL; refused when it expired, was released or is not mine. */
export async function heartbeat(projectId: string, trajectoryId: string, userId: string, claimId: string) {
  const { claimTtlSeconds } = await getReviewSettings(projectId);
  return withPgTransaction(async (client) => {
    const r = await client.query<{ claimExpiresAt: Date }>(
      `UPDATE "ReviewItem" SET "claimExpiresAt"=now() + make_interval(secs => $5)
        WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "claimId"=$3 AND "claimedById"=$4 AND "claimExpiresAt" > now()
        RETURNING "claimExpiresAt"`,
      [trajectoryId, projectId, claimId, userId, claimTtlSeconds],
    );
    if (!r.rows[0]) throw await claimRefusalError(client, projectId, trajectoryId, userId, claimId);
    return { claimExpiresAt: r.rows[0].claimExpiresAt };
  });
}

/** Gives my claim back (skip); the item returns to the queue at once. */
export async function releaseClaim(projectId: string, trajectoryId: string, userId: string, claimId: string) {
  return withPgTransaction(async (client) => {
    const r = await client.query(
      `UPDATE "ReviewItem" SET "claimId"=NULL,"claimedById"=NULL,"claimExpiresAt"=NULL
        WHERE "trajectoryId"=$1 AND "projectId"=$2 AND "claimId"=$3 AND "claimedById"=$4`,
      [trajectoryId, projectId, claimId, userId],
    );
    if (!r.rowCount) throw await claimRefusalError(client, projectId, trajectoryId, userId, claimId);
    await notifyProjectEvent(client, {
      projectId,
      room: reviewRoom(projectId),
      event: "review:released",
      data: { trajectoryId },
    });
    return { released: true };
  });
}
