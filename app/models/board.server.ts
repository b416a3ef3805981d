import * as Y from "yjs";
import type { PrismaClient } from "@prisma/client";
import { todayInHcm } from "~/domain";
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
  campaign: { select: { id: true, name: true, deadline: true, slug: true } },
  stat: { select: { itemsDone: true, itemsTotal: true, error: true } },
} as const;

/** The current campaign of a district: the most recent one that was launched to schools. */
export async function currentCampaign(districtId: string, db: PrismaClient = getDb()) {
  return db.campaign.findFirst({ where: { districtId, status: "launched" }, orderBy: { deadline: "desc" } });
}

/** Exactly the boards this person may see. */
export async function listVisibleBoards(user: SessionUser, db: PrismaClient = getDb()) {
  const boards = await db.board.findMany({
    where: {
      school: { districtId: user.districtId, ...(user.schoolId ? { id: user.schoolId } : {}) },
    },
    include: boardInclude,
    orderBy: [{ campaign: { deadline: "desc" } }, { school: { slug: "asc" } }],
  });
  return boards.filter((b) => can(user, "view:board", { type: "board", districtId: b.school.districtId, schoolId: b.school.id }));
}

export async function findBoard(boardId: string, db: PrismaClient = getDb()) {
  return db.board.findUnique({ where: { id: boardId }, include: boardInclude });
}

/** A school's board for the current campaign of its district. */
export async function findSchoolBoard(schoolSlug: string, db: PrismaClient = getDb()) {
  const school = await db.school.findUnique({ where: { slug: schoolSlug } });
  if (!school) return null;
  const campaign = await currentCampaign(school.districtId, db);
  const board = campaign
    ? await db.board.findUnique({ where: { campaignId_schoolId: { campaignId: campaign.id, schoolId: school.id } }, include: boardInclude })
    : null;
  return { school, campaign, board };
}

/** Deadline as a calendar date string (YYYY-MM-DD) — stored as midnight Asia/Ho_Chi_Minh. */
export function deadlineDate(deadline: Date): string {
  return todayInHcm(deadline);
}
