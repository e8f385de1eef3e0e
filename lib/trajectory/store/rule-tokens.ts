/**
 * `Trajectory.ruleTokens`: the token rule's count (lib/curation/token-rule.ts `tokenCountForRule`)
 * of the approved revision, stored so the curation board filters and sorts on an index instead of
 * a subquery per row. Its inputs and their writers, each of which refreshes it in its transaction:
 * - the approval (lib/review/review-state.ts `transition`, which pins `approvedNumber`);
 * - the exact count under the chat template (`Revision.templateTokens`, the training.count job
 *   through template-tokens.ts `setTemplateTokens`);
 * - the project's chat template (lib/export/training-view/template-setting.ts: one UPDATE over the
 *   project);
 * - the head's statistics columns without a new head (the tokenizer recount, statistics.ts).
 * A new head always goes through a review transition: it either leaves the approved pool or has its
 * approval carried (a transition to approved, which recomputes). Only approved rows are refreshed:
 * their head is the approved revision, so the statistics columns are that revision's. After a
 * trajectory leaves the pool the column keeps the count of the revision it was approved at.
 */
import type pg from "pg";

type Queryable = Pick<pg.PoolClient, "query">;

/**
 * The count of revision `number` of the "Trajectory" row aliased `t`, whose statistics columns are
 * that revision's: the exact count when the revision was counted under the project's current chat
 * template, else the estimate. The SQL twin of `tokenCountForRule`.
 */
export const ruleTokensSql = (t: string, number: string) =>
  `COALESCE((SELECT rv."templateTokens" FROM "Revision" rv JOIN "Project" pj ON pj."id" = rv."projectId"
      WHERE rv."trajectoryId" = ${t}."id" AND rv."number" = ${number} AND rv."templateId" = pj."chatTemplate"),
    ${t}."tokensTotal" + ${t}."templateOverhead" + ${t}."toolDefinitionTokens")`;

/**
 * Recomputes the column of the project's approved trajectories ($1), or of one ($2) when
 * `oneTrajectory`, in one UPDATE; rows whose count did not change are not rewritten.
 */
export const refreshRuleTokensSql = (oneTrajectory: boolean) =>
  `UPDATE "Trajectory" t SET "ruleTokens" = x."n"
   FROM (SELECT t2."id", ${ruleTokensSql("t2", `t2."approvedNumber"`)} AS "n" FROM "Trajectory" t2
         WHERE t2."projectId" = $1 AND t2."status" = 'approved' AND t2."approvedNumber" IS NOT NULL
           ${oneTrajectory ? `AND t2."id" = $2` : ""}) x
   WHERE t."id" = x."id" AND t."ruleTokens" IS DISTINCT FROM x."n"`;

export async function refreshRuleTokens(client: Queryable, projectId: string, trajectoryId?: string): Promise<void> {
  if (trajectoryId) await client.query(refreshRuleTokensSql(true), [projectId, trajectoryId]);
  else await client.query(refreshRuleTokensSql(false), [projectId]);
}
