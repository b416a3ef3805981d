-- CreateTable
CREATE TABLE "ReportVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "boardId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "pdfKey" TEXT NOT NULL,
    "submittedById" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "reviewedById" TEXT,
    "reviewedAt" DATETIME,
    "reviewComment" TEXT NOT NULL DEFAULT '',
    "reviewItems" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ReportVersion_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportDraft" (
    "boardId" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReportDraft_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DocumentHeader" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "data" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "boardId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "itemId" TEXT,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "takenAt" DATETIME,
    "storageKey" TEXT NOT NULL,
    "thumbKey" TEXT,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evidence_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (plain ADD COLUMNs: portable to PostgreSQL)
ALTER TABLE "ReportSubmission" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'submitted';
ALTER TABLE "ReportSubmission" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "ReportSubmission" ADD COLUMN "reviewedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ReportVersion_campaignId_idx" ON "ReportVersion"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVersion_boardId_version_key" ON "ReportVersion"("boardId", "version");

-- CreateIndex
CREATE INDEX "Evidence_boardId_cardId_idx" ON "Evidence"("boardId", "cardId");
