/**
 * Deleting a trajectory (leads and admins: `trajectory.delete`). A delete is soft: the row gets
 * `deletedAt`, every list and read hides it, and it can be restored for UNDO_WINDOW_MS. Delete
 * and restore are each one transaction with their audit row.
 *
 * What a delete must also do once the objects exist — review queues and curated sets are not
 * built yet, nor releases — has one place here: `releaseFromCuration` (a deleted trajectory
 * leaves its queues and sets) and `refuseIfPinnedInRelease` (a trajectory pinned in a release
 * cannot be deleted; the refusal names the release). Both run inside the delete's transaction.
 */
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { UNDO_WINDOW_MS, UNDO_WINDOW_MINUTES } from "@/lib/trajectory/undo-window";

const auditActor = (actor: Actor) => ({
  actorId: actor.user.id,
  apiKeyId: actor.kind === "apiKey" ? actor.keyId : null,
});

/**
 * Refuses the delete of a trajectory pinned in a release, naming the release. Releases do not
 * exist yet: when they do, look the trajectory up among the pinned samples here and throw
 * `AppError("CONFLICT", "… is pinned in release <name>; …")`.
 */
async function refuseIfPinnedInRelease(_tx: Tx, _projectId: string, _trajectoryId: string): Promise<void> {}

/**
 * Takes a deleted trajectory out of review queues and curated sets. Neither exists yet: when they
 * do, remove (or mark) its queue items and set members here, in the delete's transaction.
 */
async function releaseFromCuration(_tx: Tx, _projectId: string, _trajectoryId: string): Promise<void> {}

export async function deleteTrajectory(projectId: string, trajectoryId: string, actor: Actor) {
  return db().$transaction(async (tx) => {
    const t = await tx.trajectory.findFirst({
      where: { id: trajectoryId, projectId, deletedAt: null },
      select: { id: true, title: true },
    });
    if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
    await refuseIfPinnedInRelease(tx, projectId, trajectoryId);
    await releaseFromCuration(tx, projectId, trajectoryId);
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
        data: { title: t.title },
      },
      tx,
    );
    return {
      trajectory: { id: t.id, title: t.title, deletedAt },
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
