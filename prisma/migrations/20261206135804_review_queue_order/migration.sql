-- DropIndex
DROP INDEX "ReviewItem_projectId_queue_priority_enqueuedAt_idx";

-- CreateIndex
CREATE INDEX "ReviewItem_projectId_queue_priority_enqueuedAt_trajectoryId_idx" ON "ReviewItem"("projectId", "queue", "priority" DESC, "enqueuedAt", "trajectoryId");
