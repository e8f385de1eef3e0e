import { AppError } from "@/lib/errors/app-error";
import { findTrajectory } from "@/lib/trajectory/store/find-trajectory";

/** The source file row of a trajectory in this project (404 when either is missing). */
export async function findTrajectorySource(projectId: string, trajectoryId: string) {
  const t = await findTrajectory(projectId, trajectoryId, {
    sourceFile: { select: { filename: true, sha256: true, size: true } },
  });
  if (!t.sourceFile)
    throw new AppError("NOT_FOUND", "this trajectory has no original file (it was not imported from one)");
  return { ...t.sourceFile, size: Number(t.sourceFile.size) };
}
