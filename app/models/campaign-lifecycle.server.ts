import type { Campaign, PrismaClient } from "@prisma/client";
import { TRANSITIONS, type Transition } from "~/domain";
import { getDb } from "~/utils/db.server";
import { audit } from "./audit.server";
import { CampaignError } from "./campaign-common.server";
import { ensureBoardsForCampaign } from "./campaign-jobs.server";
import { getCollab } from "./collab.server";

// Closing and reopening a campaign (docs/decisions/020). Each transition is claimed by one
// conditional update on the status it starts from: of two officers clicking at once, one
// changes the row, the other finds it already changed and gets 409 — never a double close.

const REFUSAL: Record<Transition, { code: string; message: string }> = {
  launch: { code: "already_launched", message: "This campaign was launched meanwhile" },
  close: { code: "campaign_not_active", message: "Only an active campaign can be closed (it was closed meanwhile, or never launched)" },
  reopen: { code: "campaign_not_closed", message: "Only a closed campaign can be reopened" },
};

export function transitionRefused(transition: Transition): CampaignError {
  const { code, message } = REFUSAL[transition];
  return new CampaignError(409, code, message);
}

/**
 * "Kết thúc": freezes every board of the campaign. Open sockets turn read-only at once, REST and
 * form edits answer 409 campaign_closed, no new school joins, and the overview keeps the figures
 * as of `closedAt`.
 */
export async function closeCampaign(campaign: Campaign, userId: string, db: PrismaClient = getDb()) {
  const { from, to } = TRANSITIONS.close;
  const closedAt = new Date();
  const closed = await db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, status: from }, data: { status: to, closedAt } });
    if (claimed.count === 0) return false;
    await audit(tx, { actorId: userId, action: "campaign.closed", entityId: campaign.id, detail: { name: campaign.name } });
    return true;
  });
  if (!closed) throw transitionRefused("close");
  const readOnly = await (await getCollab()).campaignStatusChanged(campaign.id);
  return { campaign: await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } }), readOnlyConnections: readOnly };
}

/** "Mở lại": the boards take edits again; schools added meanwhile get theirs. Audited like the close. */
export async function reopenCampaign(campaign: Campaign, userId: string, db: PrismaClient = getDb()) {
  const { from, to } = TRANSITIONS.reopen;
  const reopened = await db.$transaction(async (tx) => {
    const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, status: from }, data: { status: to, closedAt: null } });
    if (claimed.count === 0) return false;
    await audit(tx, { actorId: userId, action: "campaign.reopened", entityId: campaign.id, detail: { name: campaign.name, closedAt: campaign.closedAt?.toISOString() ?? null } });
    return true;
  });
  if (!reopened) throw transitionRefused("reopen");
  await (await getCollab()).campaignStatusChanged(campaign.id);
  const created = await ensureBoardsForCampaign(campaign.id, db);
  return { campaign: await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } }), created };
}

/**
 * Schools that joined an active campaign after its launch (made by ensureBoardsForCampaign):
 * the district sees them and may leave one out.
 */
export async function lateJoiners(campaign: Campaign, db: PrismaClient = getDb()) {
  const launch = await db.campaignJob.findFirst({ where: { campaignId: campaign.id, kind: "launch" }, orderBy: { startedAt: "asc" } });
  if (!launch) return [];
  const boards = await db.board.findMany({
    where: { campaignId: campaign.id, createdAt: { gt: launch.finishedAt ?? launch.startedAt } },
    include: { school: { select: { id: true, name: true, slug: true, level: true } } },
    orderBy: { createdAt: "asc" },
  });
  return boards.map((b) => ({ boardId: b.id, school: b.school, joinedAt: b.createdAt.toISOString() }));
}

/**
 * Leaves a school out of an active campaign: its board goes (it joined late, so the district
 * decides it does not belong) and an exclusion keeps it from being made again.
 */
export async function leaveOut(campaign: Campaign, schoolId: string, userId: string, db: PrismaClient = getDb()) {
  if (campaign.status !== "active") throw new CampaignError(409, "campaign_not_active", "Schools can be left out of an active campaign only");
  const school = await db.school.findFirst({ where: { id: schoolId, districtId: campaign.districtId } });
  if (!school) throw new CampaignError(404, "school_not_found", `No school ${schoolId}`);
  const board = await db.board.findUnique({ where: { campaignId_schoolId: { campaignId: campaign.id, schoolId } }, select: { id: true } });
  if (board) await (await getCollab()).release(board.id);
  await db.$transaction(async (tx) => {
    await tx.campaignExclusion.upsert({
      where: { campaignId_schoolId: { campaignId: campaign.id, schoolId } },
      create: { campaignId: campaign.id, schoolId, createdById: userId },
      update: {},
    });
    if (board) {
      await tx.cardRow.deleteMany({ where: { boardId: board.id } });
      await tx.checklistRow.deleteMany({ where: { boardId: board.id } });
      await tx.board.delete({ where: { id: board.id } });
    }
    await audit(tx, { actorId: userId, action: "campaign.school_left_out", entityId: campaign.id, detail: { name: campaign.name, school: school.name } });
  });
}
