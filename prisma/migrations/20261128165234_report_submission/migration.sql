-- CreateTable
CREATE TABLE "ReportSubmission" (
    "boardId" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "itemsDone" INTEGER NOT NULL DEFAULT 0,
    "itemsTotal" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ReportSubmission_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReportSubmission_campaignId_idx" ON "ReportSubmission"("campaignId");
