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
import { withPgTransaction } from "@/lib/db/pg-pool";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { claimRefusal } from "@/lib/review/review-policy";
import { getReviewSettings } from "@/lib/review/review-settings";
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
const PICK = `SELECT "trajectoryId","revisionNumber" FROM "ReviewItem" i
  WHERE "projectId"=$1 AND "queue"=$2 AND ("claimExpiresAt" IS NULL OR "claimExpiresAt" < now())
    AND NOT ($3 = ANY("excludedUserIds")) ${LIVE_ITEM}`;

async function pick(client: pg.PoolClient, projectId: string, queue: WorkQueue, userId: string) {
  // Two index-ordered probes instead of one sort: items assigned to me, then the unassigned ones.
  const mine = await client.query<{ trajectoryId: string; revisionNumber: number }>(
    `${PICK} AND "assigneeId"=$3 ORDER BY "priority" DESC, "enqueuedAt", "trajectoryId" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [projectId, queue, userId],
  );
  if (mine.rows[0]) return mine.rows[0];
  const open = await client.query<{ trajectoryId: string; revisionNumber: number }>(
    `${PICK} AND "assigneeId" IS NULL ORDER BY "priority" DESC, "enqueuedAt", "trajectoryId" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [projectId, queue, userId],
  );
  return open.rows[0] ?? null;
}

export async function nextForMe(projectId: string, userId: string, queue: WorkQueue): Promise<Claim | null> {
  return withPgTransaction(async (client) => {
    const held = await client.query<Claim>(
      `SELECT "trajectoryId","revisionNumber","claimId","claimExpiresAt","queue" FROM "ReviewItem" i
        WHERE "projectId"=$1 AND "queue"=$2 AND "claimedById"=$3 AND "claimExpiresAt" > now() ${LIVE_ITEM} LIMIT 1`,
      [projectId, queue, userId],
    );
    if (held.rows[0]) return held.rows[0];
    const item = await pick(client, projectId, queue, userId);
    if (!item) return null;
    const { claimTtlSeconds } = await getReviewSettings(projectId, client);
    const claimId = randomUUID();
    const r = await client.query<{ claimExpiresAt: Date }>(
      `UPDATE "ReviewItem" SET "claimId"=$2,"claimedById"=$3,"claimExpiresAt"=now() + make_interval(secs => $4)
        WHERE "trajectoryId"=$1 RETURNING "claimExpiresAt"`,
      [item.trajectoryId, claimId, userId, claimTtlSeconds],
    );
    await notifyProjectEvent(client, {
      projectId,
      room: reviewRoom(projectId),
      event: "review:claimed",
      data: { trajectoryId: item.trajectoryId, queue, claimedById: userId },
    });
    return { ...item, claimId, claimExpiresAt: r.rows[0].claimExpiresAt, queue };
  });
}

async function refusal(
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
    if (!r.rows[0]) throw await refusal(client, projectId, trajectoryId, userId, claimId);
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
    if (!r.rowCount) throw await refusal(client, projectId, trajectoryId, userId, claimId);
    await notifyProjectEvent(client, {
      projectId,
      room: reviewRoom(projectId),
      event: "review:released",
      data: { trajectoryId },
    });
    return { released: true };
  });
}
