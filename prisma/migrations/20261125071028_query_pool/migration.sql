-- CreateEnum
CREATE TYPE "QueryStatus" AS ENUM ('candidate', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "QuerySource" AS ENUM ('human', 'pr_synthesized', 'imported');

-- CreateEnum
CREATE TYPE "SynthesisRunStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "domains" TEXT[] DEFAULT ARRAY['Vibe Coding', 'Research Workflows']::TEXT[],
ADD COLUMN     "synthesisTemplate" TEXT;

-- CreateTable
CREATE TABLE "Query" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "difficulty" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "source" "QuerySource" NOT NULL DEFAULT 'human',
    "provenance" JSONB,
    "prKey" TEXT,
    "prId" TEXT,
    "status" "QueryStatus" NOT NULL DEFAULT 'candidate',
    "authorId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Query_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrImport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "kept" INTEGER NOT NULL,
    "removed" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "repo" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "patch" TEXT NOT NULL,
    "changedFiles" TEXT[],
    "mergedAt" TIMESTAMP(3),
    "commit" TEXT,
    "url" TEXT,
    "patchTruncated" BOOLEAN NOT NULL DEFAULT false,
    "kept" BOOLEAN NOT NULL,
    "removedBy" TEXT,

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SynthesisRun" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "status" "SynthesisRunStatus" NOT NULL DEFAULT 'queued',
    "model" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL DEFAULT 4,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "SynthesisRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SynthesisFlag" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "prKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "rawOutput" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SynthesisFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Query_projectId_status_createdAt_idx" ON "Query"("projectId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Query_projectId_domain_idx" ON "Query"("projectId", "domain");

-- CreateIndex
CREATE INDEX "Query_projectId_source_idx" ON "Query"("projectId", "source");

-- CreateIndex
CREATE INDEX "Query_text_trgm_idx" ON "Query" USING GIN ("text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Query_projectId_prKey_key" ON "Query"("projectId", "prKey");

-- CreateIndex
CREATE INDEX "PrImport_projectId_createdAt_idx" ON "PrImport"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "PullRequest_projectId_importId_kept_idx" ON "PullRequest"("projectId", "importId", "kept");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_importId_repo_number_key" ON "PullRequest"("importId", "repo", "number");

-- CreateIndex
CREATE INDEX "SynthesisRun_projectId_createdAt_idx" ON "SynthesisRun"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SynthesisFlag_runId_prKey_key" ON "SynthesisFlag"("runId", "prKey");

-- CreateIndex
CREATE INDEX "Trajectory_queryId_idx" ON "Trajectory"("queryId");

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_queryId_fkey" FOREIGN KEY ("queryId") REFERENCES "Query"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Query" ADD CONSTRAINT "Query_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Query" ADD CONSTRAINT "Query_prId_fkey" FOREIGN KEY ("prId") REFERENCES "PullRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrImport" ADD CONSTRAINT "PrImport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PrImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisRun" ADD CONSTRAINT "SynthesisRun_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PrImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SynthesisFlag" ADD CONSTRAINT "SynthesisFlag_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SynthesisRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
