import { AppError } from "@/lib/errors/app-error";
import { db } from "@/lib/db/client";

/** The source file row of a trajectory in this project (404 when either is missing). */
export async function findTrajectorySource(projectId: string, trajectoryId: string) {
  const t = await db().trajectory.findFirst({
    where: { id: trajectoryId, projectId, deletedAt: null },
    select: { sourceFile: { select: { filename: true, sha256: true, size: true } } },
  });
  if (!t) throw new AppError("NOT_FOUND", `trajectory ${trajectoryId} not found in this project`);
  if (!t.sourceFile)
    throw new AppError("NOT_FOUND", "this trajectory has no original file (it was not imported from one)");
  return { ...t.sourceFile, size: Number(t.sourceFile.size) };
}
