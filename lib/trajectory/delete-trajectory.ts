/**
 * Deleting a trajectory (leads and admins: `trajectory.delete`). A delete is soft: the row gets
 * `deletedAt`, every list and read hides it, and it can be restored for UNDO_WINDOW_MS. Delete
 * and restore are each one transaction with their audit row.
 *
 * In the same transaction a delete
 * - is refused when the trajectory is pinned in a release (a release is immutable; the refusal
 *   names the release): `refuseIfPinnedInRelease`;
 * - takes it out of the curated sets it was in (its CurationItem rows go, the sets' versions move
 *   on): `releaseFromCuration`. A restore does not put it back: the set may have been filled
 *   since, and a lead adds it again on purpose;
 * - leaves the review queues (lib/review/deleted-trajectories: its item stays but is skipped and
 *   its claim dropped), so a restore puts it back where it was in review.
 */
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { UNDO_WINDOW_MS, UNDO_WINDOW_MINUTES } from "@/lib/trajectory/undo-window";
import { leaveReviewQueues } from "@/lib/review/deleted-trajectories";

const auditActor = (actor: Actor) => ({
  actorId: actor.user.id,
  apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
});

/** Refuses the delete of a trajectory pinned in a release, naming the release(s). */
async function refuseIfPinnedInRelease(tx: Tx, projectId: string, trajectoryId: string): Promise<void> {
  const pinned = await tx.releaseItem.findMany({
    where: { trajectoryId, projectId },
    select: { revisionNumber: true, release: { select: { number: true } } },
    orderBy: { release: { number: "asc" } },
  });
  if (!pinned.length) return;
  const numbers = pinned.map((p) => p.release.number);
  const which = numbers.length === 1 ? `release ${numbers[0]}` : `releases ${numbers.join(", ")}`;
  throw new AppError(
    "CONFLICT",
    `trajectory ${trajectoryId} is pinned in ${which} and cannot be deleted: a release keeps the samples it was locked with`,
    { location: { field: "trajectoryId" }, details: { releases: numbers } },
  );
}

/** Takes a deleted trajectory out of its curated sets; returns the sets' names (for the audit row). */
async function releaseFromCuration(tx: Tx, projectId: string, trajectoryId: string): Promise<string[]> {
  const items = await tx.curationItem.findMany({
    where: { trajectoryId, projectId },
    select: { setId: true, set: { select: { name: true } } },
  });
  if (!items.length) return [];
  const setIds = items.map((i) => i.setId);
  await tx.curationItem.deleteMany({ where: { trajectoryId, projectId, setId: { in: setIds } } });
  await tx.curationSet.updateMany({ where: { id: { in: setIds }, projectId }, data: { version: { increment: 1 } } });
  return items.map((i) => i.set.name).sort();
}

export async function deleteTrajectory(projectId: string, trajectoryId: string, actor: Actor) {
  return db().$transaction(async (tx) => {
    const t = await tx.trajectory.findFirst({
      where: { id: trajectoryId, projectId, deletedAt: null },
      select: { id: true, title: true },
    });
    if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
    await refuseIfPinnedInRelease(tx, projectId, trajectoryId);
    const leftSets = await releaseFromCuration(tx, projectId, trajectoryId);
    const reviewQueue = await leaveReviewQueues(tx, projectId, trajectoryId);
    const deletedAt = new Date();
    // Conditional on still being there: of two concurrent deletes one wins, the other gets 404.
    const r = await tx.trajectory.updateMany({
      where: { id: trajectoryId, projectId, deletedAt: null },
      data: { deletedAt, deletedById: actor.user.id },
    });
    if (r.count !== 1) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
    await recordAudit(
      {
        projectId,
        ...auditActor(actor),
        action: "trajectory.delete",
        targetType: "Trajectory",
        targetId: trajectoryId,
        data: { title: t.title, leftSets, reviewQueue },
      },
      tx,
    );
    return {
      trajectory: { id: t.id, title: t.title, deletedAt },
      leftSets,
      undoUntil: new Date(deletedAt.getTime() + UNDO_WINDOW_MS),
    };
  });
}

export async function restoreTrajectory(projectId: string, trajectoryId: string, actor: Actor, now = new Date()) {
  return db().$transaction(async (tx) => {
    const t = await tx.trajectory.findFirst({
      where: { id: trajectoryId, projectId, deletedAt: { not: null } },
      select: { id: true, title: true, deletedAt: true },
    });
    if (!t) throw new AppError("NOT_FOUND", `no deleted trajectory ${trajectoryId} in this project`);
    if (now.getTime() - t.deletedAt!.getTime() > UNDO_WINDOW_MS)
      throw new AppError(
        "CONFLICT",
        `trajectory ${trajectoryId} was deleted more than ${UNDO_WINDOW_MINUTES} minutes ago and can no longer be restored`,
      );
    const r = await tx.trajectory.updateMany({
      where: { id: trajectoryId, projectId, deletedAt: t.deletedAt },
      data: { deletedAt: null, deletedById: null },
    });
    if (r.count !== 1) throw new AppError("CONFLICT", `trajectory ${trajectoryId} changed while it was being restored`);
    await recordAudit(
      {
        projectId,
        ...auditActor(actor),
        action: "trajectory.restore",
        targetType: "Trajectory",
        targetId: trajectoryId,
        data: { title: t.title },
      },
      tx,
    );
    return { trajectory: { id: t.id, title: t.title } };
  });
}
