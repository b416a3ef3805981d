-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "closedAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "startDate" DATETIME;

-- CreateTable
CREATE TABLE "CampaignExclusion" (
    "campaignId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("campaignId", "schoolId"),
    CONSTRAINT "CampaignExclusion_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The lifecycle is draft → active → closed (docs/decisions/020): "launched" is now "active".
UPDATE "Campaign" SET "status" = 'active' WHERE "status" = 'launched';
