import { boardProgress, cardsByColumn, isFrozen, readBoard, STATUSES } from "~/domain";
import { t, type Locale } from "~/i18n/i18n";
import { ApiError } from "~/utils/api.server";
import { assertCan, type SessionUser } from "~/utils/permissions.server";
import { deadlineDate, findBoard } from "./board.server";
import { getCollab } from "./collab.server";

type FoundBoard = NonNullable<Awaited<ReturnType<typeof findBoard>>>;

/** Loads a board the caller may see (404 before 403: ids are not secrets, but keep answers plain). */
export async function requireBoard(user: SessionUser, boardId: string, permission: "view:board" | "edit:board"): Promise<FoundBoard> {
  const board = await findBoard(boardId);
  if (!board) throw new ApiError(404, "board_not_found", `No board ${boardId}`);
  assertCan(user, permission, { type: "board", districtId: board.school.districtId, schoolId: board.school.id });
  if (permission === "edit:board") assertBoardOpen(board);
  return board;
}

/** A closed campaign's boards are frozen: every edit, whatever its path, is refused with 409 (nothing is stored). */
export function assertBoardOpen(board: { campaign: { status: string } }) {
  if (isFrozen(board.campaign.status)) throw new ApiError(409, "campaign_closed", "This campaign is closed: its boards can no longer change");
}

export function schoolJson(s: FoundBoard["school"]) {
  return { id: s.id, slug: s.slug, name: s.name, level: s.level, ward: s.ward };
}

export function campaignJson(c: FoundBoard["campaign"]) {
  return { id: c.id, name: c.name, deadline: deadlineDate(c.deadline), status: c.status };
}

/** The board's live document, decoded (500 board_unreadable when it cannot be). */
export async function readLiveBoard(boardId: string) {
  const doc = await (await getCollab()).readDoc(boardId);
  const decoded = readBoard(doc);
  doc.destroy();
  if (!decoded.ok) throw new ApiError(500, "board_unreadable", "This board's document cannot be read");
  return decoded.board;
}

/** GET /api/v1/boards/<id>: the live document, decoded, by column. */
export async function boardJson(board: FoundBoard, locale: Locale) {
  const live = await readLiveBoard(board.id);
  const byColumn = cardsByColumn(live);
  return {
    board: {
      id: board.id,
      school: schoolJson(board.school),
      campaign: campaignJson(board.campaign),
      progress: boardProgress(live),
      columns: STATUSES.map((status) => ({
        id: status,
        title: t(locale, `statuses.${status}`),
        cards: byColumn[status].map((c) => ({
          id: c.id,
          title: c.title,
          description: c.description,
          category: c.category,
          criteria: c.criteria,
          dueDate: c.dueDate,
          assignees: c.assignees,
          origin: c.origin,
          section: c.section,
          checklist: c.checklist.filter((i) => !i.archived).map((i) => ({ id: i.id, text: i.text, done: i.done, needsEvidence: i.needsEvidence })),
        })),
      })),
    },
  };
}
