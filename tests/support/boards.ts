import { getDb } from "~/utils/db.server";
import { loadBoardDoc } from "~/models/board.server";
import { decodeBoard } from "~/domain";

/** The id of a demo school's board (by school slug). */
export async function boardIdOf(slug: string): Promise<string> {
  const board = await getDb().board.findFirstOrThrow({ where: { school: { slug } }, select: { id: true } });
  return board.id;
}

/** The board as stored in the database (snapshot + log), decoded — what a restart would load. */
export async function storedBoard(boardId: string) {
  return decodeBoard(await loadBoardDoc(boardId));
}
