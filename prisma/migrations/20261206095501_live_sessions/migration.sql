-- CreateEnum
CREATE TYPE "LiveSessionState" AS ENUM ('live', 'stale', 'ended');

-- CreateTable
CREATE TABLE "LiveSession" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "createdById" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "agent" TEXT,
    "model" TEXT,
    "queryId" TEXT,
    "cwd" TEXT,
    "title" TEXT,
    "feedbackMode" TEXT NOT NULL DEFAULT 'print',
    "state" "LiveSessionState" NOT NULL DEFAULT 'live',
    "control" TEXT NOT NULL DEFAULT 'running',
    "ackSeq" INTEGER NOT NULL DEFAULT 0,
    "stepCount" INTEGER NOT NULL DEFAULT 0,
    "tokensTotal" INTEGER NOT NULL DEFAULT 0,
    "tools" JSONB NOT NULL DEFAULT '[]',
    "rewrites" INTEGER NOT NULL DEFAULT 0,
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "trajectoryId" TEXT,

    CONSTRAINT "LiveSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveStep" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "seq" INTEGER,
    "sourceId" TEXT,
    "kind" TEXT NOT NULL,
    "preview" TEXT NOT NULL,
    "tokens" INTEGER NOT NULL DEFAULT 0,
    "toolName" TEXT,
    "isError" BOOLEAN NOT NULL DEFAULT false,
    "authorId" TEXT,
    "authorName" TEXT,
    "body" JSONB NOT NULL,
    "bodyBytes" INTEGER NOT NULL,
    "rewritten" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveFeedback" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "LiveFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LiveSession_projectId_startedAt_idx" ON "LiveSession"("projectId", "startedAt");

-- CreateIndex
CREATE INDEX "LiveSession_state_lastHeartbeatAt_idx" ON "LiveSession"("state", "lastHeartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "LiveStep_sessionId_position_key" ON "LiveStep"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "LiveStep_sessionId_seq_key" ON "LiveStep"("sessionId", "seq");

-- CreateIndex
CREATE INDEX "LiveFeedback_sessionId_deliveredAt_idx" ON "LiveFeedback"("sessionId", "deliveredAt");

-- AddForeignKey
ALTER TABLE "LiveSession" ADD CONSTRAINT "LiveSession_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveStep" ADD CONSTRAINT "LiveStep_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "LiveSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
