/**
 * The background job behind a tokenizer change: recounts every step row of the project (all
 * revisions share rows, so each row is counted once) and the head revision's totals, trajectory by
 * trajectory, reporting progress. Idempotent, so a job interrupted by a restart simply runs again.
 */
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { loadTokenizer } from "@/lib/tokens/registry";
import { stepText } from "@/lib/tokens/step-text";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { statisticsReusingCounts, writeTrajectoryStatistics } from "@/lib/trajectory/store/statistics";
import type { ParsedStep } from "@/lib/trajectory/types";

export async function recountProjectTokens(
  projectId: string,
  onProgress: (done: number, total: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { tokenizer: true } });
  const tokenizer = await loadTokenizer(project.tokenizer);
  const ids = (
    await db().trajectory.findMany({ where: { projectId }, select: { id: true }, orderBy: { createdAt: "asc" } })
  ).map((t) => t.id);
  await onProgress(0, ids.length);
  for (const [i, trajectoryId] of ids.entries()) {
    signal?.throwIfAborted();
    const rows = await db().step.findMany({
      where: { trajectoryId, projectId },
      select: { id: true, body: { select: { data: true } } },
    });
    const counts = rows.map((r) => (r.body ? tokenizer.count(stepText(r.body.data as unknown as ParsedStep)) : 0));
    // The head's steps are rows counted just above: their counts are reused, not counted twice.
    const byRow = new Map(rows.map((r, j) => [r.id, counts[j]]));
    const head = await readRevision(projectId, trajectoryId);
    const stats = statisticsReusingCounts(
      head.steps.map((step, j) => ({ step, tokens: byRow.get(head.rows[j].id) ?? null })),
      head.tools,
      null,
      tokenizer,
    );
    await withPgTransaction(async (client) => {
      await client.query(
        `UPDATE "Step" AS s SET "tokens" = v.tokens FROM unnest($1::text[], $2::int[]) AS v(id, tokens) WHERE s."id" = v.id AND s."trajectoryId" = $3`,
        [rows.map((r) => r.id), counts, trajectoryId],
      );
      await writeTrajectoryStatistics(client, { projectId, trajectoryId }, stats, head.steps.length);
    });
    await onProgress(i + 1, ids.length);
  }
}
