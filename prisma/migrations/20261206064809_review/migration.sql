-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('accept', 'reject', 'needs_changes');

-- AlterEnum
ALTER TYPE "TrajectoryStatus" ADD VALUE 'changes_requested';

-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "reviewRevision" INTEGER;

-- AlterTable
ALTER TABLE "Revision" ADD COLUMN     "reviewState" "TrajectoryStatus" NOT NULL DEFAULT 'imported';

-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "approvedNumber" INTEGER;

-- CreateTable
CREATE TABLE "ReviewSettings" (
    "projectId" TEXT NOT NULL,
    "rubric" JSONB NOT NULL,
    "requiredReviews" INTEGER NOT NULL DEFAULT 2,
    "agreementThreshold" DOUBLE PRECISION NOT NULL DEFAULT 0.75,
    "claimTtlSeconds" INTEGER NOT NULL DEFAULT 1800,
    "queueNewTrajectories" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewSettings_pkey" PRIMARY KEY ("projectId")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "trajectoryId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "assigneeId" TEXT,
    "excludedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimId" TEXT,
    "claimedById" TEXT,
    "claimExpiresAt" TIMESTAMP(3),

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("trajectoryId")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "verdict" "ReviewVerdict" NOT NULL,
    "scores" JSONB NOT NULL,
    "firstErrorStepKey" TEXT,
    "firstErrorIndex" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewItem_projectId_queue_priority_enqueuedAt_idx" ON "ReviewItem"("projectId", "queue", "priority" DESC, "enqueuedAt");

-- CreateIndex
CREATE INDEX "ReviewItem_projectId_assigneeId_idx" ON "ReviewItem"("projectId", "assigneeId");

-- CreateIndex
CREATE INDEX "ReviewItem_claimedById_idx" ON "ReviewItem"("claimedById");

-- CreateIndex
CREATE INDEX "Review_projectId_createdAt_idx" ON "Review"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_reviewerId_createdAt_idx" ON "Review"("reviewerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_trajectoryId_revisionNumber_reviewerId_key" ON "Review"("trajectoryId", "revisionNumber", "reviewerId");

-- AddForeignKey
ALTER TABLE "ReviewSettings" ADD CONSTRAINT "ReviewSettings_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;
