import type { Prisma, PrismaClient } from "@prisma/client";
import * as Y from "yjs";
import { readStoredBoard } from "../../app/models/board.server";
import { sqlDate } from "../../app/models/sql.server";
import type { SqliteAppendLog } from "./append-log";
import { readTail, type EditTx, type PgEditLog, type TailRow } from "./pg-edit-log";

type Db = PrismaClient | Prisma.TransactionClient;

/** What the log holds after a given id: the snapshot if a compaction passed that id, then the rows. */
export interface LogTail {
  snapshot: { state: Uint8Array; upToId: number } | null;
  rows: { id: number; data: Uint8Array }[];
}

/** The store as seen inside a board's exclusive section (see `BoardStore.exclusive`). */
export interface BoardTx {
  /** Everything appended to this board after `afterId` (by any instance). */
  tail(afterId: number): Promise<LogTail>;
  append(update: Uint8Array, userId: string | null): Promise<number>;
  compact(doc: Y.Doc, upToId: number): Promise<void>;
  /** The transaction's client, for writes that must commit with the section (projection). */
  db: Db;
}

/**
 * The store as seen by a board's projection (see `BoardStore.projecting`): `tail` read in one
 * statement (consistent without the board's lock), `db` the transaction its writes commit with.
 */
export type ProjectionTx = Pick<BoardTx, "tail" | "db">;

/**
 * Durable storage of one board document: a compacted snapshot (BoardDocument) plus an
 * append-only log of accepted updates (BoardUpdate). An update is committed here before it is
 * applied to the live document or broadcast, so an acknowledged edit survives `kill -9`.
 *
 * With `coordinate` (PostgreSQL: several instances may share the database), every section that
 * validates-and-appends or compacts a board runs in a transaction holding that board's advisory
 * lock, after reading what other instances appended meanwhile: two instances never validate one
 * board's updates against different states (docs/decisions/031). A projection holds a lock of its
 * own (docs/decisions/052).
 */
export class BoardStore {
  constructor(
    private readonly db: PrismaClient,
    readonly coordinate = false,
    /**
     * SQLite: appends go through the group-committed log (its own connection) instead of Prisma.
     * Not with `coordinate`: there each append commits with its board's lock transaction.
     */
    private readonly log: SqliteAppendLog | null = null,
    /** PostgreSQL: the edits' own section on plain pg connections (pg-edit-log.ts). */
    private readonly editLog: PgEditLog | null = null,
  ) {}

  /** Rebuilds the document before anyone syncs with it (see readStoredBoard). */
  load(boardId: string): Promise<{ doc: Y.Doc; lastUpdateId: number; logLength: number }> {
    if (!this.coordinate) return readStoredBoard(boardId, this.db);
    // Under the lock: a compaction between reading the snapshot and the log would hide rows.
    return this.exclusive(boardId, (tx) => readStoredBoard(boardId, tx.db as PrismaClient));
  }

  /** Runs `fn` as the only writer of this board across instances (a plain call when not coordinating). */
  async exclusive<T>(boardId: string, fn: (tx: BoardTx) => Promise<T>): Promise<T> {
    if (!this.coordinate) return fn(this.section(this.db, boardId));
    return this.db.$transaction(
      async (tx) => {
        // hashtextextended: a 64-bit key from the board id; the lock is released at commit/rollback.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`board:${boardId}`}, 0))`;
        return fn(this.section(tx, boardId));
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
  }

  /**
   * Runs `fn` as the only projector of this board across instances (docs/decisions/052): a lock
   * of its own, `project:<id>`, not the board's, so edits are validated and appended while a
   * projection writes. Projections still follow one another in log order: each reads the log's
   * head under this lock, after the one before it committed. A plain call when not coordinating.
   */
  async projecting<T>(boardId: string, fn: (tx: ProjectionTx) => Promise<T>): Promise<T> {
    if (!this.coordinate) return fn({ db: this.db, tail: (afterId) => tail(this.db, boardId, afterId) });
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`project:${boardId}`}, 0))`;
        return fn({ db: tx, tail: (afterId) => oneStatementTail(tx, boardId, afterId) });
      },
      { maxWait: 5_000, timeout: 15_000 },
    );
  }

  /**
   * An edit's section: catch up, validate, append (Room.submit). On PostgreSQL it runs on the edit
   * log's own connections under the same advisory lock as `exclusive`; elsewhere it is `exclusive`.
   */
  edit<T>(boardId: string, fn: (tx: EditTx) => Promise<T>): Promise<T> {
    if (this.coordinate && this.editLog) return this.editLog.section(boardId, fn);
    return this.exclusive(boardId, fn);
  }

  /**
   * Appends one accepted update; resolves once it is committed. Raw SQL: this is every edit's hot
   * path, and a Prisma `create` spends more in its query compiler than SQLite spends on the insert.
   * The date is written the way Prisma writes it (sqlDate), so both paths read alike.
   */
  append(boardId: string, update: Uint8Array, userId: string | null): Promise<number> {
    return this.log && !this.coordinate ? this.log.append(boardId, update, userId) : append(this.db, boardId, update, userId);
  }

  /** Closes the log's own connection (after the last append: shutdown). */
  close() {
    this.log?.close();
    void this.editLog?.close().catch(() => undefined);
  }

  /**
   * What was appended after `afterId` (catch-up after a lost cross-instance message or a reconnect).
   * With `coordinate`, in one statement: it holds no lock, and another instance's compaction
   * committing between two reads would hide the rows it folded.
   */
  tail(boardId: string, afterId: number): Promise<LogTail> {
    if (this.coordinate) return oneStatementTail(this.db, boardId, afterId);
    return tail(this.db, boardId, afterId);
  }

  /** Folds the log up to `upToId` into the snapshot. */
  compact(boardId: string, doc: Y.Doc, upToId: number): Promise<void> {
    return this.exclusive(boardId, (tx) => tx.compact(doc, upToId));
  }

  private section(db: Db, boardId: string): BoardTx {
    return {
      db,
      tail: (afterId) => tail(db, boardId, afterId),
      append: (update, userId) => (db === this.db ? this.append(boardId, update, userId) : append(db, boardId, update, userId)),
      compact: (doc, upToId) => compact(db, boardId, doc, upToId, !this.coordinate),
    };
  }
}

async function append(db: Db, boardId: string, update: Uint8Array, userId: string | null): Promise<number> {
  const rows = await db.$queryRaw<{ id: number | bigint }[]>`
    INSERT INTO "BoardUpdate" ("boardId", "data", "userId", "createdAt")
    VALUES (${boardId}, ${Buffer.from(update)}, ${userId}, ${sqlDate(new Date())})
    RETURNING "id"`;
  return Number(rows[0].id);
}

/** PostgreSQL: `readTail` through Prisma (the edit's section runs the same statement on pg). */
function oneStatementTail(db: Db, boardId: string, afterId: number): Promise<LogTail> {
  return readTail((sql, params) => db.$queryRawUnsafe<TailRow[]>(sql, ...params), boardId, afterId);
}

async function tail(db: Db, boardId: string, afterId: number): Promise<LogTail> {
  const doc = await db.boardDocument.findUnique({ where: { boardId }, select: { state: true, upToId: true } });
  const snapshot = doc && doc.upToId > afterId ? doc : null;
  const rows = await db.boardUpdate.findMany({
    where: { boardId, id: { gt: Math.max(afterId, snapshot?.upToId ?? 0) } },
    orderBy: { id: "asc" },
    select: { id: true, data: true },
  });
  return { snapshot, rows };
}

async function compact(db: Db, boardId: string, doc: Y.Doc, upToId: number, ownTransaction: boolean) {
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  const writes = (c: Db) => [
    // Never move the snapshot backwards (an instance that compacts must be at the log's head).
    c.boardDocument.upsert({ where: { boardId }, create: { boardId, state, upToId }, update: { state, upToId } }),
    c.boardUpdate.deleteMany({ where: { boardId, id: { lte: upToId } } }),
  ];
  if (ownTransaction) {
    await (db as PrismaClient).$transaction(writes(db));
    return;
  }
  const current = await db.boardDocument.findUnique({ where: { boardId }, select: { upToId: true } });
  if (current && current.upToId >= upToId) return;
  for (const w of writes(db)) await w;
}
