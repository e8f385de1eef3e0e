/**
 * The one writer of review state. `transition` locks the trajectory row, asks the state machine for
 * the next state, writes it on the head revision and mirrors it on Trajectory.status, puts the
 * trajectory in the queue that state needs (review, adjudication, edit, or none), writes the audit
 * row and queues the live notification, all on the caller's transaction. Nothing else in the app
 * writes Trajectory.status, Revision.reviewState, Trajectory.approvedNumber or ReviewItem rows.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { auditRowSql } from "@/lib/audit/record-audit-sql";
import { PROJECT_EVENTS_CHANNEL, projectEventPayload } from "@/lib/live/project-events";
import { nextState, type ReviewActor, type ReviewEvent, type ReviewState } from "@/lib/review/state-machine";
import { reviewRoom } from "@/lib/review/review-room";
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from "@/lib/review/rubric";
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

async function lockRow<T extends Head>(client: pg.PoolClient, sql: string, projectId: string, trajectoryId: string) {
  const r = await client.query<T>(sql, [trajectoryId, projectId]);
  if (!r.rows[0])
    throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`, {
      location: { field: "trajectoryId" },
    });
  return r.rows[0];
}

export async function lockHead(client: pg.PoolClient, projectId: string, trajectoryId: string): Promise<Head> {
  return lockRow<Head>(
    client,
    `SELECT "status","headNumber","approvedNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
    projectId,
    trajectoryId,
  );
}

/** lockHead and the project's review settings in the same round trip (a submit needs both). */
export async function lockHeadWithSettings(
  client: pg.PoolClient,
  projectId: string,
  trajectoryId: string,
): Promise<Head & { settings: ReviewSettings }> {
  const row = await lockRow<Head & { settings: ReviewSettings | null }>(
    client,
    `SELECT t."status", t."headNumber", t."approvedNumber",
       CASE WHEN s."projectId" IS NOT NULL THEN json_build_object('rubric', s."rubric", 'requiredReviews', s."requiredReviews",
         'agreementThreshold', s."agreementThreshold", 'claimTtlSeconds', s."claimTtlSeconds",
         'queueNewTrajectories', s."queueNewTrajectories") END AS "settings"
       FROM "Trajectory" t LEFT JOIN "ReviewSettings" s ON s."projectId"=t."projectId"
      WHERE t."id"=$1 AND t."projectId"=$2 FOR UPDATE OF t`,
    projectId,
    trajectoryId,
  );
  return { ...row, settings: row.settings ?? DEFAULT_REVIEW_SETTINGS };
}

type Queue = "review" | "adjudication" | "edit";

function queueFor(to: ReviewState, event: ReviewEvent): Queue | null {
  if (to === "in_review") return event === "verdicts_disagree" ? "adjudication" : "review";
  if (to === "changes_requested") return "edit";
  return null;
}

/**
 * The queue placement of a transition ($1 trajectory, $2 project, $5 head number, $6 queue). A
 * trajectory keeps its priority and assignee across queues; its wait starts again in a new queue or
 * on a new revision (another verdict on the same revision keeps its place). Excluded from review:
 * the head's edit authors and those who already reviewed it (read here, after the caller's earlier
 * statements, so a review written just before counts). The edit queue excludes nobody (the
 * reviewers' comments are for whoever fixes it).
 */
const PLACE = `INSERT INTO "ReviewItem" ("trajectoryId","projectId","queue","revisionNumber","excludedUserIds","enqueuedAt")
    SELECT $1::text, $2::text, $6::text, $5::int,
      CASE WHEN $6::text = 'review' THEN ARRAY(
        SELECT "authorId" FROM "Revision" WHERE "trajectoryId"=$1 AND "number" BETWEEN 2 AND $5 AND "authorId" IS NOT NULL
        UNION SELECT "reviewerId" FROM "Review" WHERE "trajectoryId"=$1 AND "revisionNumber"=$5) ELSE '{}' END,
      now()
    ON CONFLICT ("trajectoryId") DO UPDATE SET "queue"=EXCLUDED."queue","revisionNumber"=EXCLUDED."revisionNumber",
      "excludedUserIds"=EXCLUDED."excludedUserIds",
      "enqueuedAt"=CASE WHEN "ReviewItem"."queue"=EXCLUDED."queue" AND "ReviewItem"."revisionNumber"=EXCLUDED."revisionNumber"
        THEN "ReviewItem"."enqueuedAt" ELSE now() END,
      "claimId"=NULL,"claimedById"=NULL,"claimExpiresAt"=NULL`;
// Leaving the queues ($6, the queue, is null here; naming it keeps the parameter list the same).
const UNQUEUE = `DELETE FROM "ReviewItem" WHERE "trajectoryId"=$1 AND $6::text IS NULL`;

/**
 * Applies one event of the state machine to a trajectory's head revision; returns the new state.
 * `locked` is the head the caller already locked (lockHead) in this transaction, saving the read.
 * The writes (trajectory status and pinned approval, the head revision's state, the queue placement,
 * the audit row, the notification, the board's columns of the approved revision) are one statement,
 * so a transition costs one round trip after the lock; a revision or queue write that would not
 * change a row is skipped.
 */
export async function transition(client: pg.PoolClient, input: TransitionInput, locked?: Head): Promise<ReviewState> {
  const head = locked ?? (await lockHead(client, input.projectId, input.trajectoryId));
  if (input.expectedNumber !== undefined && input.expectedNumber !== head.headNumber)
    throw new AppError(
      "CONFLICT",
      `revision ${input.expectedNumber} is not the head any more (the head is revision ${head.headNumber}); reload and decide on the head`,
      { location: { field: "revisionNumber" }, details: { head: head.headNumber } },
    );
  const to = nextState(head.status, input.event, input.who);
  const queue = queueFor(to, input.event);
  const params: unknown[] = [input.trajectoryId, input.projectId, to, to === "approved", head.headNumber, queue];
  const audit = auditRowSql(
    {
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
    },
    params.length + 1,
  );
  params.push(...audit.params);
  const payload = projectEventPayload({
    projectId: input.projectId,
    room: reviewRoom(input.projectId),
    event: "review:changed",
    data: { trajectoryId: input.trajectoryId, state: to, queue, id: randomUUID() },
  });
  params.push(PROJECT_EVENTS_CHANNEL, payload);
  // The columns derived from the approved revision follow in the same statement (SET expressions
  // read the row as it was, so the new approved number is spelled out): the review score and
  // agreement on every transition (a review is always followed by one), the token rule's count when
  // approving (the head is then the approved revision, with its statistics columns).
  const approvedNumber = `(CASE WHEN $4::boolean THEN t."headNumber" ELSE t."approvedNumber" END)`;
  await client.query(
    `WITH trajectory AS (
       UPDATE "Trajectory" t SET "status"=$3::"TrajectoryStatus", "approvedNumber"=${approvedNumber},
         "reviewScore"=${reviewScoreSql("t", approvedNumber)}, "reviewAgreement"=${reviewAgreementSql("t", approvedNumber)},
         "ruleTokens"=CASE WHEN $4::boolean THEN ${ruleTokensSql("t", `t."headNumber"`)} ELSE t."ruleTokens" END
        WHERE t."id"=$1 AND t."projectId"=$2
     ), revision AS (
       UPDATE "Revision" SET "reviewState"=$3::"TrajectoryStatus"
        WHERE "trajectoryId"=$1 AND "number"=$5 AND "reviewState" <> $3::"TrajectoryStatus"
     ), queued AS (${queue ? PLACE : UNQUEUE}
     ), audit AS (${audit.sql})
     SELECT pg_notify($${params.length - 1}, $${params.length})`,
    params,
  );
  return to;
}
