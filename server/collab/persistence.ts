import type { PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { readStoredBoard } from "../../app/models/board.server";
import { sqlDate } from "../../app/models/sql.server";

/**
 * Durable storage of one board document: a compacted snapshot (BoardDocument) plus an
 * append-only log of accepted updates (BoardUpdate). An update is committed here before it is
 * applied to the live document or broadcast, so an acknowledged edit survives `kill -9`.
 */
export class BoardStore {
  constructor(private readonly db: PrismaClient) {}

  /** Rebuilds the document before anyone syncs with it (see readStoredBoard). */
  load(boardId: string): Promise<{ doc: Y.Doc; lastUpdateId: number; logLength: number }> {
    return readStoredBoard(boardId, this.db);
  }

  /**
   * Appends one accepted update; resolves once it is committed. Raw SQL: this is every edit's hot
   * path, and a Prisma `create` spends more in its query compiler than SQLite spends on the insert.
   * The date is written the way Prisma writes it (sqlDate), so both paths read alike.
   */
  async append(boardId: string, update: Uint8Array, userId: string | null): Promise<number> {
    const createdAt = sqlDate(new Date());
    const rows = await this.db.$queryRaw<{ id: number | bigint }[]>`
      INSERT INTO "BoardUpdate" ("boardId", "data", "userId", "createdAt")
      VALUES (${boardId}, ${Buffer.from(update)}, ${userId}, ${createdAt})
      RETURNING "id"`;
    return Number(rows[0].id);
  }

  /** Folds the log up to `upToId` into the snapshot, in one transaction. */
  async compact(boardId: string, doc: Y.Doc, upToId: number): Promise<void> {
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    await this.db.$transaction([
      this.db.boardDocument.upsert({
        where: { boardId },
        create: { boardId, state, upToId },
        update: { state, upToId },
      }),
      this.db.boardUpdate.deleteMany({ where: { boardId, id: { lte: upToId } } }),
    ]);
  }
}
