/**
 * Entering review: someone sends trajectories (one or in bulk), or the import and the end of a live
 * session queue them when the project's "queue new trajectories" setting is on.
 */
import type pg from "pg";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { transition } from "@/lib/review/review-state";
import { getReviewSettings } from "@/lib/review/review-settings";

export const SendToReviewSchema = z.object({
  trajectoryIds: z.array(z.string().min(1).max(64)).min(1, "name at least one trajectory").max(1000),
});

/** All or nothing: one trajectory in a state that cannot be sent refuses the whole batch, naming it. */
export async function sendToReview(
  projectId: string,
  input: z.infer<typeof SendToReviewSchema>,
  actorId: string | null,
): Promise<{ sent: number }> {
  const ids = [...new Set(input.trajectoryIds)];
  await withPgTransaction(async (client) => {
    for (const [i, trajectoryId] of ids.entries()) {
      try {
        await transition(client, { projectId, trajectoryId, event: "send", who: "editor", actorId });
      } catch (e) {
        if (e instanceof AppError)
          throw new AppError(e.code, `trajectoryIds[${i}] (${trajectoryId}): ${e.message}`, {
            location: { field: `trajectoryIds[${i}]` },
          });
        throw e;
      }
    }
  });
  return { sent: ids.length };
}

/**
 * Called by the import (and the end of a live session) inside its transaction for each new
 * trajectory: enters review when the project queues new trajectories. Returns whether it did.
 */
export async function queueNewTrajectory(
  client: pg.PoolClient,
  projectId: string,
  trajectoryId: string,
  actorId: string | null,
): Promise<boolean> {
  const settings = await getReviewSettings(projectId, client);
  if (!settings.queueNewTrajectories) return false;
  await transition(client, { projectId, trajectoryId, event: "auto_queue", who: "system", actorId });
  return true;
}
