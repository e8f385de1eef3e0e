-- CreateEnum
CREATE TYPE "AnnotationStatus" AS ENUM ('open', 'resolved');

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "labels" TEXT[] DEFAULT ARRAY['error', 'redundant', 'key-decision', 'hallucination', 'unsafe', 'secret', 'great-feedback']::TEXT[];

-- CreateTable
CREATE TABLE "Annotation" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "trajectoryId" TEXT NOT NULL,
    "stepKey" TEXT NOT NULL,
    "field" TEXT,
    "quote" TEXT,
    "start" INTEGER,
    "end" INTEGER,
    "label" TEXT,
    "status" "AnnotationStatus" NOT NULL DEFAULT 'open',
    "outdated" BOOLEAN NOT NULL DEFAULT false,
    "anchorVersion" INTEGER NOT NULL DEFAULT 1,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnotationComment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "annotationId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationComment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Annotation_trajectoryId_stepKey_idx" ON "Annotation"("trajectoryId", "stepKey");

-- CreateIndex
CREATE INDEX "Annotation_projectId_label_idx" ON "Annotation"("projectId", "label");

-- CreateIndex
CREATE INDEX "AnnotationComment_annotationId_createdAt_idx" ON "AnnotationComment"("annotationId", "createdAt");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationComment" ADD CONSTRAINT "AnnotationComment_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
