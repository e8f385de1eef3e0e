-- AlterTable
ALTER TABLE "Trajectory" ADD COLUMN     "detectedFailedToolCallCount" INTEGER NOT NULL DEFAULT 0;
