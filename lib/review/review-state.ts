/**
 * The one writer of review state. `transition` locks the trajectory row, asks the state machine for
 * the next state, writes it on the head revision and mirrors it on Trajectory.status, puts the
 * trajectory in the queue that state needs (review, adjudication, edit, or none), writes the audit
 * row and queues the live notification, all on the caller's transaction. Nothing else in the app
 * writes Trajectory.status, Revision.reviewState, Trajectory.approvedNumber, the review-derived
 * columns (approved-review-columns.ts) or ReviewItem rows.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { recordAuditSql } from "@/lib/audit/record-audit-sql";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { nextState, type ReviewActor, type ReviewEvent, type ReviewState } from "@/lib/review/state-machine";
import { reviewRoom } from "@/lib/review/review-room";
import { reviewAgreementSql, reviewScoreSql } from "@/lib/review/approved-review-columns";
import { ruleTokensSql } from "@/lib/trajectory/store/rule-tokens";

export interface TransitionInput {
  projectId: string;
  trajectoryId: string;
  event: ReviewEvent;
  who: ReviewActor;
  actorId: string | null;
  reason?: string;
  /** The revision the caller acted on; refused when the head has moved (a stale page). */
  expectedNumber?: number;
  data?: Record<string, unknown>;
}

export interface Head {
  status: ReviewState;
  headNumber: number;
  approvedNumber: number | null;
}

export async function lockHead(client: pg.PoolClient, projectId: string, trajectoryId: string): Promise<Head> {
  const r = await client.query<Head>(
    `SELECT "status","headNumber","approvedNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
    [trajectoryId, projectId],
  );
  if (!r.rows[0])
    throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`, {
      location: { field: "trajectoryId" },
    });
  return r.rows[0];
}

/** Authors of the head's edits (revisions 2..head), who may not review it. */
export async function editAuthors(client: pg.PoolClient, trajectoryId: string, head: number): Promise<string[]> {
  const r = await client.query<{ authorId: string }>(
    `SELECT DISTINCT "authorId" FROM "Revision" WHERE "trajectoryId"=$1 AND "number" BETWEEN 2 AND $2 AND "authorId" IS NOT NULL`,
    [trajectoryId, head],
  );
  return r.rows.map((x) => x.authorId);
}

type Queue = "review" | "adjudication" | "edit";

function queueFor(to: ReviewState, event: ReviewEvent): Queue | null {
  if (to === "in_review") return event === "verdicts_disagree" ? "adjudication" : "review";
  if (to === "changes_requested") return "edit";
  return null;
}

async function placeInQueue(
  client: pg.PoolClient,
  projectId: string,
  trajectoryId: string,
  head: number,
  queue: Queue | null,
) {
  if (!queue) {
    await client.query(`DELETE FROM "ReviewItem" WHERE "trajectoryId"=$1`, [trajectoryId]);
    return;
  }
  // Excluded from review: the head's edit authors and those who already reviewed it. The edit queue
  // excludes nobody (the reviewers' comments are for whoever fixes it).
  const excluded =
    queue === "review"
      ? [
          ...new Set([
            ...(await editAuthors(client, trajectoryId, head)),
            ...(
              await client.query<{ reviewerId: string }>(
                `SELECT "reviewerId" FROM "Review" WHERE "trajectoryId"=$1 AND "revisionNumber"=$2`,
                [trajectoryId, head],
              )
            ).rows.map((x) => x.reviewerId),
          ]),
        ]
      : [];
  // A trajectory keeps its priority and assignee across queues; its wait starts again in a new queue
  // or on a new revision (another verdict on the same revision keeps its place).
  await client.query(
    `INSERT INTO "ReviewItem" ("trajectoryId","projectId","queue","revisionNumber","excludedUserIds","enqueuedAt")
     VALUES ($1,$2,$3,$4,$5,now())
     ON CONFLICT ("trajectoryId") DO UPDATE SET "queue"=$3,"revisionNumber"=$4,"excludedUserIds"=$5,
       "enqueuedAt"=CASE WHEN "ReviewItem"."queue"=$3 AND "ReviewItem"."revisionNumber"=$4 THEN "ReviewItem"."enqueuedAt" ELSE now() END,
       "claimId"=NULL,"claimedById"=NULL,"claimExpiresAt"=NULL`,
    [trajectoryId, projectId, queue, head, excluded],
  );
}

/** Applies one event of the state machine to a trajectory's head revision; returns the new state. */
export async function transition(client: pg.PoolClient, input: TransitionInput): Promise<ReviewState> {
  const head = await lockHead(client, input.projectId, input.trajectoryId);
  if (input.expectedNumber !== undefined && input.expectedNumber !== head.headNumber)
    throw new AppError(
      "CONFLICT",
      `revision ${input.expectedNumber} is not the head any more (the head is revision ${head.headNumber}); reload and decide on the head`,
      { location: { field: "revisionNumber" }, details: { head: head.headNumber } },
    );
  const to = nextState(head.status, input.event, input.who);
  const approving = to === "approved";
  // The columns derived from the approved revision follow in the same statement (SET expressions
  // read the row as it was, so the new approved number is spelled out): the review score and
  // agreement on every change (a review is always followed by a transition), the token rule's
  // count when approving (the head is then the approved revision, with its statistics columns).
  const approvedNumber = `(CASE WHEN $4 THEN t."headNumber" ELSE t."approvedNumber" END)`;
  await client.query(
    `UPDATE "Trajectory" t SET "status"=$3::"TrajectoryStatus", "approvedNumber"=${approvedNumber},
       "reviewScore"=${reviewScoreSql("t", approvedNumber)}, "reviewAgreement"=${reviewAgreementSql("t", approvedNumber)},
       "ruleTokens"=CASE WHEN $4 THEN ${ruleTokensSql("t", `t."headNumber"`)} ELSE t."ruleTokens" END
     WHERE t."id"=$1 AND t."projectId"=$2`,
    [input.trajectoryId, input.projectId, to, approving],
  );
  await client.query(
    `UPDATE "Revision" SET "reviewState"=$3::"TrajectoryStatus" WHERE "trajectoryId"=$1 AND "number"=$2`,
    [input.trajectoryId, head.headNumber, to],
  );
  await placeInQueue(client, input.projectId, input.trajectoryId, head.headNumber, queueFor(to, input.event));
  await recordAuditSql(client, {
    projectId: input.projectId,
    actorId: input.actorId,
    action: input.event === "carry_approval" ? "approval.carried" : `review.${input.event}`,
    targetType: "Trajectory",
    targetId: input.trajectoryId,
    data: {
      from: head.status,
      to,
      revision: head.headNumber,
      ...(input.reason ? { reason: input.reason } : {}),
      ...input.data,
    },
  });
  await notifyProjectEvent(client, {
    projectId: input.projectId,
    room: reviewRoom(input.projectId),
    event: "review:changed",
    data: { trajectoryId: input.trajectoryId, state: to, queue: queueFor(to, input.event), id: randomUUID() },
  });
  return to;
}
