/**
 * The one "find the trajectory in this project or 404" lookup. Every read and write of a
 * trajectory starts here, so a trajectory id of another project is never served or changed: it is
 * answered exactly like an id that does not exist. A soft-deleted trajectory (lib/trajectory/
 * delete-trajectory.ts, which alone reads deleted rows for its undo) is answered the same way.
 */
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/db/generated/client";
import { db, type Db, type Tx } from "@/lib/db/client";

export function trajectoryNotFound(trajectoryId: string): AppError {
  return new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`, {
    location: { field: "trajectoryId" },
  });
}

/** The trajectory `trajectoryId` of project `projectId` with the fields of `select`, or NOT_FOUND. */
export async function findTrajectory<S extends Prisma.TrajectorySelect>(
  projectId: string,
  trajectoryId: string,
  select: S,
  client: Db | Tx = db(),
): Promise<Prisma.TrajectoryGetPayload<{ select: S }>> {
  const t = await client.trajectory.findFirst({ where: { id: trajectoryId, projectId, deletedAt: null }, select });
  if (!t) throw trajectoryNotFound(trajectoryId);
  return t as Prisma.TrajectoryGetPayload<{ select: S }>;
}
