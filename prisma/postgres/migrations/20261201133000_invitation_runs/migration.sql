-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "revokedAt" TIMESTAMP(3),
ADD COLUMN     "userId" TEXT;

-- CreateTable
CREATE TABLE "InvitationRun" (
    "id" TEXT NOT NULL,
    "districtId" TEXT NOT NULL,
    "schoolId" TEXT,
    "startedById" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'running',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "InvitationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InvitationRun_districtId_createdAt_idx" ON "InvitationRun"("districtId", "createdAt");

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

