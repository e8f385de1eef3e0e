-- CreateEnum
CREATE TYPE "CurationFindingStatus" AS ENUM ('open', 'redacted', 'waived', 'resolved');

-- CreateTable
CREATE TABLE "CurationFinding" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "kind" TEXT,
    "stepKey" TEXT,
    "stepIndex" INTEGER,
    "field" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "secretHash" TEXT,
    "message" TEXT NOT NULL,
    "preview" TEXT NOT NULL DEFAULT '',
    "fingerprint" TEXT NOT NULL,
    "status" "CurationFindingStatus" NOT NULL DEFAULT 'open',
    "waiverReason" TEXT,
    "waivedById" TEXT,
    "waivedAt" TIMESTAMP(3),
    "redactedById" TEXT,
    "redactedAt" TIMESTAMP(3),
    "redactedRevision" INTEGER,
    "purgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CurationFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationCheckRun" (
    "setId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "samples" JSONB NOT NULL,
    "counts" JSONB NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ranById" TEXT,
    "ranAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurationCheckRun_pkey" PRIMARY KEY ("setId")
);

-- CreateIndex
CREATE INDEX "CurationFinding_projectId_setId_status_idx" ON "CurationFinding"("projectId", "setId", "status");

-- CreateIndex
CREATE INDEX "CurationFinding_trajectoryId_idx" ON "CurationFinding"("trajectoryId");

-- CreateIndex
CREATE UNIQUE INDEX "CurationFinding_setId_fingerprint_key" ON "CurationFinding"("setId", "fingerprint");

-- AddForeignKey
ALTER TABLE "CurationFinding" ADD CONSTRAINT "CurationFinding_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CurationSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationCheckRun" ADD CONSTRAINT "CurationCheckRun_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CurationSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
