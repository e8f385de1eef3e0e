/**
 * The exact token count of a revision under the project's chat template (the training view's
 * count), stored on the Revision row by the training.count job and read by curation's token rule,
 * the board and the statistics without rendering on request.
 */
import { pgPool, withPgTransaction } from "@/lib/db/pg-pool";
import { refreshRuleTokens } from "@/lib/trajectory/store/rule-tokens";

/**
 * Stores the count (and the per-message counts the training view reads) and refreshes the
 * trajectory's token-rule count (rule-tokens.ts) in the same transaction. The project row is
 * read-locked first (a template change holds it while it recomputes the project), then the
 * trajectory row (an approval holds it while it pins the revision), so the stored count never
 * misses either.
 */
export async function setTemplateTokens(
  revisionId: string,
  templateId: string,
  count: number,
  messageTokens: readonly number[] = [],
): Promise<void> {
  await withPgTransaction(async (client) => {
    const r = await client.query<{ projectId: string; trajectoryId: string }>(
      `SELECT "projectId","trajectoryId" FROM "Revision" WHERE "id"=$1`,
      [revisionId],
    );
    const rev = r.rows[0];
    if (!rev) return;
    await client.query(`SELECT 1 FROM "Project" WHERE "id"=$1 FOR SHARE`, [rev.projectId]);
    await client.query(`SELECT 1 FROM "Trajectory" WHERE "id"=$1 FOR UPDATE`, [rev.trajectoryId]);
    await client.query(
      `UPDATE "Revision" SET "templateTokens"=$2, "templateId"=$3, "templateMessageTokens"=$4 WHERE "id"=$1`,
      [revisionId, count, templateId, messageTokens],
    );
    await refreshRuleTokens(client, rev.projectId, rev.trajectoryId);
  });
}

/**
 * The per-message counts stored with the exact count, when the revision was counted under
 * `templateId` (else null): the training view uses them instead of tokenizing again.
 */
export async function storedMessageTokens(revisionId: string, templateId: string): Promise<number[] | null> {
  const { rows } = await pgPool().query<{ tokens: number[] | null }>(
    `SELECT "templateMessageTokens" AS tokens FROM "Revision" WHERE "id"=$1 AND "templateId"=$2 AND "templateTokens" IS NOT NULL`,
    [revisionId, templateId],
  );
  const t = rows[0]?.tokens;
  return t && t.length ? t : null;
}

/**
 * The exact count of a revision under the template it was counted with, or null when it has not
 * been counted (no template set, or the count job has not reached it yet).
 */
export async function exactTokenCount(
  projectId: string,
  trajectoryId: string,
  revisionNumber: number,
): Promise<{ count: number; templateId: string } | null> {
  const { rows } = await pgPool().query<{ count: number | null; templateId: string | null }>(
    `SELECT r."templateTokens" AS count, r."templateId" FROM "Revision" r JOIN "Project" p ON p."id" = r."projectId"
      WHERE r."projectId"=$1 AND r."trajectoryId"=$2 AND r."number"=$3 AND r."templateId" = p."chatTemplate"`,
    [projectId, trajectoryId, revisionNumber],
  );
  const r = rows[0];
  return r && r.count !== null && r.templateId ? { count: r.count, templateId: r.templateId } : null;
}
