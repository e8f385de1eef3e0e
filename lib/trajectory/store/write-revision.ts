/**
 * Writes a new head revision of a trajectory in one transaction: the new step rows (only for new
 * or changed content), the Revision row, the statistics and the head, the re-anchored annotations,
 * the audit row and the change notification.
 *
 * Concurrency: the trajectory row is locked (`FOR UPDATE`) before anything is written, and the head
 * is checked under the lock, so of several saves on the same head exactly one commits and the
 * others get the conflict (409), never a duplicate-key error. Versions: a changed step gets the
 * highest version its key ever had in this trajectory plus one (not "its base version plus one":
 * after a revert that version may exist already).
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { AppError } from "@/lib/errors/app-error";
import type { Actor } from "@/lib/auth/actor";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { copyRows } from "@/lib/db/copy-rows";
import { recordAudit } from "@/lib/audit/record-audit";
import { notifyProjectEvent } from "@/lib/live/project-events";
import { trajectoryRoom } from "@/lib/live/trajectory-room";
import type { TokenStats } from "@/lib/tokens/stats";
import type { ParsedStep } from "@/lib/trajectory/types";
import { reanchorAnnotations } from "@/lib/trajectory/annotation-anchors";
import { STEP_COLUMNS, stepIndexRow } from "@/lib/trajectory/store/insert-trajectory";
import { writeTrajectoryStatistics } from "@/lib/trajectory/store/statistics";
import { carryApproval, onNewRevision } from "@/lib/review/on-revision";
import { scheduleTemplateCount } from "@/lib/export/training-view/template-count-job";

/** The author of a change made by `actor` (a signed-in user or an API key acting for its creator). */
export function revisionAuthor(actor: Actor): RevisionAuthor {
  return { id: actor.user.id, name: actor.user.name, apiKeyId: actor.kind === "apiKey" ? actor.keyId : null };
}

export interface RevisionAuthor {
  id: string;
  name: string;
  /** The API key that made the change, when one did (the audit log names it). */
  apiKeyId?: string | null;
}

/** A step of the new revision: an existing row (`rowId`) or new content to store. */
export interface RevisionStep {
  key: string;
  rowId: string | null;
  /** The existing row's version (ignored for new content, which gets the next free version). */
  version: number;
  step: ParsedStep;
}

export interface NewRevision {
  projectId: string;
  trajectoryId: string;
  /** The head the change was made on; the write is refused when the head has moved. */
  base: { number: number; id: string };
  author: RevisionAuthor;
  reason: string;
  ops: unknown[];
  steps: readonly RevisionStep[];
  /** Aligned with `steps`. */
  stats: TokenStats;
  /** For the audit log: `revision.save` or `revision.revert`. */
  action: string;
  /** Steps whose annotations should be re-anchored (their content may differ from the head's). */
  reanchor: "changed" | "all";
  /** Builds the conflict error when the head is no longer `base.number`. */
  conflict: (head: number) => Promise<AppError>;
  /**
   * A lead's redaction or validation fix of an approved trajectory (every op marked with a carrying
   * `purpose`): the approval carries over (lib/review `carryApproval`) instead of the trajectory
   * going back to review. `isLead` is the caller's check of the actor's role (review.approve).
   */
  carryApproval?: { isLead: boolean };
  /** The caller's own writes that belong to this revision (curation findings), in its transaction. */
  alsoInTransaction?: (client: pg.PoolClient, number: number) => Promise<void>;
}

export async function writeRevision(input: NewRevision): Promise<number> {
  const number = await writeRevisionRows(input);
  // After the commit: the exact count under the project's chat template (training view), if one is set.
  await scheduleTemplateCount(input.projectId);
  return number;
}

async function writeRevisionRows(input: NewRevision): Promise<number> {
  const { projectId, trajectoryId } = input;
  return withPgTransaction(async (client) => {
    const locked = await client.query<{ headNumber: number }>(
      `SELECT "headNumber" FROM "Trajectory" WHERE "id"=$1 AND "projectId"=$2 FOR UPDATE`,
      [trajectoryId, projectId],
    );
    const head = locked.rows[0]?.headNumber;
    if (head !== input.base.number) throw await input.conflict(head ?? input.base.number);

    const fresh = input.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.rowId === null);
    const versions = new Map<string, number>();
    if (fresh.length) {
      const { rows } = await client.query<{ key: string; max: number }>(
        `SELECT "key", max("version") AS "max" FROM "Step" WHERE "trajectoryId"=$1 AND "key" = ANY($2) GROUP BY "key"`,
        [trajectoryId, fresh.map(({ s }) => s.key)],
      );
      for (const r of rows) versions.set(r.key, r.max);
    }
    const ids = new Map(fresh.map(({ i }) => [i, randomUUID()]));
    const written = fresh.map(({ s, i }) => {
      const version = (versions.get(s.key) ?? 0) + 1;
      versions.set(s.key, version);
      return { s, i, id: ids.get(i)!, version, body: JSON.stringify(s.step) };
    });
    if (written.length) {
      await copyRows(
        client,
        "Step",
        STEP_COLUMNS,
        written.map((w) =>
          stepIndexRow(
            w.s.step,
            { id: w.id, projectId, trajectoryId, key: w.s.key, version: w.version, seq: w.i },
            input.stats.stepTokens[w.i],
            Buffer.byteLength(w.body),
          ),
        ),
      );
      await copyRows(
        client,
        "StepBody",
        ["stepId", "data"],
        written.map((w) => [w.id, w.body]),
      );
    }

    const number = input.base.number + 1;
    const revisionId = randomUUID();
    const stepIds = input.steps.map((s, i) => s.rowId ?? ids.get(i)!);
    await client.query(
      `INSERT INTO "Revision" ("id","projectId","trajectoryId","number","parentId","authorId","reason","ops","stepIds") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [
        revisionId,
        projectId,
        trajectoryId,
        number,
        input.base.id,
        input.author.id,
        input.reason,
        JSON.stringify(input.ops),
        stepIds,
      ],
    );
    const moved = await writeTrajectoryStatistics(
      client,
      { projectId, trajectoryId, head: { number, revisionId, baseNumber: input.base.number } },
      input.stats,
      input.steps.length,
    );
    if (!moved) throw await input.conflict(input.base.number + 1);
    // Reviews of the old head become stale and the trajectory goes (back) to review, in this transaction;
    // a lead's redaction or validation fix carries the approval instead.
    if (input.carryApproval)
      await carryApproval(client, {
        projectId,
        trajectoryId,
        actorId: input.author.id,
        isLead: input.carryApproval.isLead,
        ops: input.ops as Array<{ purpose?: unknown }>,
      });
    else await onNewRevision(client, { projectId, trajectoryId, actorId: input.author.id });

    if (input.reanchor === "changed") {
      await reanchorAnnotations(
        client,
        trajectoryId,
        written.map((w) => ({ key: w.s.key, version: w.version, step: w.s.step })),
      );
    } else {
      const fresher = new Map(written.map((w) => [w.i, w.version]));
      await reanchorAnnotations(
        client,
        trajectoryId,
        input.steps.map((s, i) => ({ key: s.key, version: fresher.get(i) ?? s.version, step: s.step })),
      );
    }
    await recordAudit(
      {
        projectId,
        actorId: input.author.id,
        apiKeyId: input.author.apiKeyId ?? null,
        action: input.action,
        targetType: "Trajectory",
        targetId: trajectoryId,
        data: { revision: number, base: input.base.number, reason: input.reason },
      },
      client,
    );
    await input.alsoInTransaction?.(client, number);
    await notifyProjectEvent(client, {
      projectId,
      room: trajectoryRoom(trajectoryId),
      event: "trajectory:revised",
      data: { trajectoryId, number, author: input.author.name, reason: input.reason },
    });
    return number;
  });
}
