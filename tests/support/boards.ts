import { getDb } from "~/utils/db.server";
import { loadBoardDoc } from "~/models/board.server";
import { decodeBoard } from "~/domain";

/**
 * The id of a demo school's board (by school slug): in the open campaign of the current school
 * year unless a campaign slug is given (the 2023 one, "sxsdatvm-2023", is closed).
 */
export async function boardIdOf(slug: string, campaignSlug?: string): Promise<string> {
  const board = await getDb().board.findFirstOrThrow({
    where: { school: { slug }, campaign: campaignSlug ? { slug: campaignSlug } : { status: "active" } },
    select: { id: true },
  });
  return board.id;
}

/** The board as stored in the database (snapshot + log), decoded — what a restart would load. */
export async function storedBoard(boardId: string) {
  return decodeBoard(await loadBoardDoc(boardId));
}
