-- CreateTable
CREATE TABLE "CurationSet" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "targetSize" INTEGER NOT NULL DEFAULT 78,
    "quotas" JSONB NOT NULL DEFAULT '{}',
    "maxTokensPerSample" INTEGER NOT NULL DEFAULT 125000,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CurationSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CurationItem" (
    "setId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "addedById" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CurationItem_pkey" PRIMARY KEY ("setId","trajectoryId")
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "setId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "approvedById" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "validation" JSONB NOT NULL,
    "tokenRule" JSONB NOT NULL,
    "override" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseItem" (
    "releaseId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "revisionNumber" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ReleaseItem_pkey" PRIMARY KEY ("releaseId","trajectoryId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CurationSet_projectId_name_key" ON "CurationSet"("projectId", "name");

-- CreateIndex
CREATE INDEX "CurationItem_trajectoryId_idx" ON "CurationItem"("trajectoryId");

-- CreateIndex
CREATE UNIQUE INDEX "Release_projectId_number_key" ON "Release"("projectId", "number");

-- CreateIndex
CREATE INDEX "ReleaseItem_trajectoryId_idx" ON "ReleaseItem"("trajectoryId");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseItem_releaseId_position_key" ON "ReleaseItem"("releaseId", "position");

-- AddForeignKey
ALTER TABLE "CurationSet" ADD CONSTRAINT "CurationSet_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationItem" ADD CONSTRAINT "CurationItem_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CurationSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurationItem" ADD CONSTRAINT "CurationItem_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CurationSet"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseItem" ADD CONSTRAINT "ReleaseItem_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseItem" ADD CONSTRAINT "ReleaseItem_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;
