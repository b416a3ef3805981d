-- CreateIndex
CREATE INDEX "CardRow_overview_idx" ON "CardRow"("campaignId", "boardId", "status", "dueDate", "itemsDone", "itemsTotal", "category", "criteria");
