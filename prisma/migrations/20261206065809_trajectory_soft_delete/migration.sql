-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "deletedById" TEXT;

-- CreateIndex
CREATE INDEX "Trajectory_projectId_deletedAt_idx" ON "Trajectory"("projectId", "deletedAt");
