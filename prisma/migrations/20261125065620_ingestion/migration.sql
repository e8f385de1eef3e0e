-- Trigram search on titles and first messages (see the Trajectory indexes in schema.prisma).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- AlterTable
ALTER TABLE "SourceFile" DROP COLUMN "gzip",
ADD COLUMN     "compressedSize" BIGINT NOT NULL,
ADD COLUMN     "createdById" TEXT,
ALTER COLUMN "size" SET DATA TYPE BIGINT;

-- CreateTable
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Job_projectId_kind_createdAt_idx" ON "Job"("projectId", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "Trajectory_title_trgm_idx" ON "Trajectory" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Trajectory_firstHumanMessage_trgm_idx" ON "Trajectory" USING GIN ("firstHumanMessage" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "Job" ADD CONSTRAINT "Job_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
