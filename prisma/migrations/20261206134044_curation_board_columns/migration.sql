-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "reviewAgreement" DOUBLE PRECISION,
ADD COLUMN     "reviewScore" DOUBLE PRECISION,
ADD COLUMN     "ruleTokens" INTEGER;

-- Backfill the approved revision's stored columns of every trajectory approved once, with the SQL
-- the app keeps them with (lib/review/approved-review-columns.ts, lib/trajectory/store/rule-tokens.ts).
UPDATE "Trajectory" t SET
  "reviewScore" = (SELECT avg((v.value)::numeric)::float8 FROM "Review" rv CROSS JOIN LATERAL jsonb_each_text(rv."scores") v
    WHERE rv."trajectoryId" = t."id" AND rv."revisionNumber" = t."approvedNumber" AND jsonb_typeof(rv."scores") = 'object'),
  "reviewAgreement" = (SELECT (max(g.c)::float8 / sum(g.c))::float8 FROM (SELECT count(*) AS c FROM "Review" rv
    WHERE rv."trajectoryId" = t."id" AND rv."revisionNumber" = t."approvedNumber" GROUP BY rv."verdict") g),
  "ruleTokens" = COALESCE((SELECT rv."templateTokens" FROM "Revision" rv JOIN "Project" pj ON pj."id" = rv."projectId"
      WHERE rv."trajectoryId" = t."id" AND rv."number" = t."approvedNumber" AND rv."templateId" = pj."chatTemplate"),
    t."tokensTotal" + t."templateOverhead" + t."toolDefinitionTokens")
WHERE t."approvedNumber" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Trajectory_projectId_status_reviewScore_idx" ON "Trajectory"("projectId", "status", "reviewScore");

-- CreateIndex
CREATE INDEX "Trajectory_projectId_status_reviewAgreement_idx" ON "Trajectory"("projectId", "status", "reviewAgreement");

-- CreateIndex
CREATE INDEX "Trajectory_projectId_status_ruleTokens_idx" ON "Trajectory"("projectId", "status", "ruleTokens");
