-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "revokedAt" DATETIME;
ALTER TABLE "Invitation" ADD COLUMN "userId" TEXT;

-- CreateTable
CREATE TABLE "InvitationRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "districtId" TEXT NOT NULL,
    "schoolId" TEXT,
    "startedById" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE INDEX "InvitationRun_districtId_createdAt_idx" ON "InvitationRun"("districtId", "createdAt");
