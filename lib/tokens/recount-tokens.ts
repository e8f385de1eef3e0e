/**
 * The background job behind a tokenizer change: recounts every step row of the project (all
 * revisions share rows, so each row is counted once) and the head revision's totals, trajectory by
 * trajectory, reporting progress. Idempotent, so a job interrupted by a restart simply runs again.
 */
import { db } from "@/lib/db/client";
import { withPgTransaction } from "@/lib/db/pg-pool";
import { getTokenizer } from "@/lib/tokens/registry";
import { computeTokenStats } from "@/lib/tokens/stats";
import { stepText } from "@/lib/tokens/step-text";
import { readRevision } from "@/lib/trajectory/read-trajectory";
import type { ParsedStep } from "@/lib/trajectory/types";

export async function recountProjectTokens(
  projectId: string,
  onProgress: (done: number, total: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const project = await db().project.findUniqueOrThrow({ where: { id: projectId }, select: { tokenizer: true } });
  const tokenizer = getTokenizer(project.tokenizer);
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
    const head = await readRevision(projectId, trajectoryId);
    const stats = computeTokenStats(head.steps, head.tools, tokenizer);
    const t = stats.totals;
    await withPgTransaction(async (client) => {
      await client.query(
        `UPDATE "Step" AS s SET "tokens" = v.tokens FROM unnest($1::text[], $2::int[]) AS v(id, tokens) WHERE s."id" = v.id AND s."trajectoryId" = $3`,
        [rows.map((r) => r.id), counts, trajectoryId],
      );
      await client.query(
        `UPDATE "Trajectory" SET "tokensTotal"=$2, "tokensSystem"=$3, "tokensHuman"=$4, "tokensAssistant"=$5, "tokensReasoning"=$6, "tokensToolCall"=$7,
           "tokensToolOutput"=$8, "templateOverhead"=$9, "toolDefinitionTokens"=$10, "tokenizer"=$11, "updatedAt"=now() WHERE "id"=$1 AND "projectId"=$12`,
        [
          trajectoryId,
          t.tokensTotal,
          t.tokensSystem,
          t.tokensHuman,
          t.tokensAssistant,
          t.tokensReasoning,
          t.tokensToolCall,
          t.tokensToolOutput,
          t.templateOverheadTokens,
          t.toolDefinitionTokens,
          stats.tokenizer,
          projectId,
        ],
      );
    });
    await onProgress(i + 1, ids.length);
  }
}
