import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { byUrgency, todayInHcm, VISIBLE_TO_SCHOOLS } from "~/domain";
import { can } from "~/domain/permissions";
import type { SessionUser } from "~/utils/permissions.server";
import { getDb } from "~/utils/db.server";

/**
 * Rebuilds a board's Y.Doc from its compacted snapshot plus the update log after it, with the id
 * of the last update folded in and how many log rows follow the snapshot. The one loader: the
 * collaboration server's rooms, the projection rebuild and tests all read a board through it.
 */
export async function readStoredBoard(boardId: string, db: PrismaClient = getDb()) {
  const doc = new Y.Doc();
  const snapshot = await db.boardDocument.findUnique({ where: { boardId } });
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const updates = await db.boardUpdate.findMany({
    where: { boardId, id: { gt: snapshot?.upToId ?? 0 } },
    orderBy: { id: "asc" },
    select: { id: true, data: true },
  });
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates.map((u) => u.data)));
  return { doc, lastUpdateId: updates.at(-1)?.id ?? snapshot?.upToId ?? 0, logLength: updates.length };
}

export async function loadBoardDoc(boardId: string, db: PrismaClient = getDb()): Promise<Y.Doc> {
  return (await readStoredBoard(boardId, db)).doc;
}

export const boardInclude = {
  school: { select: { id: true, slug: true, name: true, level: true, ward: true, districtId: true } },
  campaign: { select: { id: true, name: true, deadline: true, slug: true, status: true, closedAt: true } },
  stat: { select: { itemsDone: true, itemsTotal: true, error: true } },
} as const;

type CampaignLike = { id: string; status: string; deadline: Date };
const orderable = <T extends CampaignLike>(c: T) => ({ ...c, deadline: deadlineDate(c.deadline) });

/** A district's campaigns schools can see (active and closed), most urgent first (app/domain/campaign). */
export async function visibleCampaigns(districtId: string, db: PrismaClient = getDb()) {
  const rows = await db.campaign.findMany({ where: { districtId, status: { in: [...VISIBLE_TO_SCHOOLS] } } });
  const order = byUrgency(rows.map((r) => ({ id: r.id, status: r.status, deadline: deadlineDate(r.deadline) }))).map((r) => r.id);
  return rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
}

/** The campaign a district page opens on: the most urgent open one, else the latest closed one. */
export async function currentCampaign(districtId: string, db: PrismaClient = getDb()) {
  return (await visibleCampaigns(districtId, db))[0] ?? null;
}

export type BoardListFilters = { campaignId?: string; status?: string };

/** Exactly the boards this person may see, across campaigns (drafts have no boards), most urgent campaign first. */
export async function listVisibleBoards(user: SessionUser, filters: BoardListFilters = {}, db: PrismaClient = getDb()) {
  const boards = await db.board.findMany({
    where: {
      school: { districtId: user.districtId, ...(user.schoolId ? { id: user.schoolId } : {}) },
      ...(filters.campaignId ? { campaignId: filters.campaignId } : {}),
      campaign: { status: filters.status ? filters.status : { in: [...VISIBLE_TO_SCHOOLS] } },
    },
    include: boardInclude,
    orderBy: [{ school: { slug: "asc" } }],
  });
  const order = byUrgency([...new Map(boards.map((b) => [b.campaign.id, orderable(b.campaign)])).values()]).map((c) => c.id);
  return boards
    .filter((b) => can(user, "view:board", { type: "board", districtId: b.school.districtId, schoolId: b.school.id }))
    .sort((a, b) => order.indexOf(a.campaign.id) - order.indexOf(b.campaign.id));
}

export async function findBoard(boardId: string, db: PrismaClient = getDb()) {
  return db.board.findUnique({ where: { id: boardId }, include: boardInclude });
}

/**
 * A school's boards, one per campaign it takes part in (open ones first, most urgent first,
 * then closed ones), and the one asked for by campaign slug — or, with none asked, the most
 * urgent. `board` is null when the school has no board in that campaign.
 */
export async function findSchoolBoard(schoolSlug: string, campaignSlug?: string, db: PrismaClient = getDb()) {
  const school = await db.school.findUnique({ where: { slug: schoolSlug } });
  if (!school) return null;
  const boards = await db.board.findMany({
    where: { schoolId: school.id, campaign: { status: { in: [...VISIBLE_TO_SCHOOLS] } } },
    include: boardInclude,
  });
  const order = byUrgency(boards.map((b) => orderable(b.campaign))).map((c) => c.id);
  boards.sort((a, b) => order.indexOf(a.campaign.id) - order.indexOf(b.campaign.id));
  const campaigns = boards.map((b) => ({ ...b.campaign, deadline: deadlineDate(b.campaign.deadline) }));
  const board = campaignSlug ? (boards.find((b) => b.campaign.slug === campaignSlug) ?? null) : (boards[0] ?? null);
  const campaign = board
    ? board.campaign
    : campaignSlug
      ? await db.campaign.findFirst({ where: { slug: campaignSlug, districtId: school.districtId, status: { in: [...VISIBLE_TO_SCHOOLS] } } })
      : null;
  return { school, campaign, board, campaigns };
}

/** Deadline as a calendar date string (YYYY-MM-DD) — stored as midnight Asia/Ho_Chi_Minh. */
export function deadlineDate(deadline: Date): string {
  return todayInHcm(deadline);
}
