import type { Prisma, PrismaClient } from "@prisma/client";
import type * as Y from "yjs";
import { boardProgress, cardProgress, readBoard, type Board } from "~/domain";
import { loadBoardDoc } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { SQL, sqlBool, sqlDate } from "./sql.server";

type BoardKey = { id: string; campaignId: string; schoolId: string };

export type ProjectResult = { ok: true } | { ok: false; error: string };

/**
 * Writes a board's relational projection (stats, card rows, checklist rows) from its decoded
 * document, replacing what was there, in one transaction. The overview reads only these tables.
 * `at` is when a member of the school made the change (defaults to now): it becomes the board's
 * last activity. `null`: the change was not the school's (a district publish, a new board), and
 * the last activity stays as it was.
 */
export async function projectBoard(
  board: BoardKey,
  doc: Y.Doc,
  opts: { at?: Date | null; db?: PrismaClient; tx?: Prisma.TransactionClient; previous?: Projected | null } = {},
): Promise<ProjectResult & { projected?: Projected }> {
  const db = opts.db ?? getDb();
  const decoded = readBoard(doc);
  const at = opts.at === undefined ? new Date() : opts.at;
  if (!decoded.ok) return recordUnreadable(board, decoded.error, { at, db, tx: opts.tx });
  if (opts.previous === undefined) {
    await inTransaction(db, opts.tx, (c) => projectionWrites(c, board, decoded.board, at));
    return { ok: true };
  }
  const previous = opts.previous;
  const rows = projectionRows(board, decoded.board, at, sqlDate(new Date()));
  const projected = projectedOf(rows);
  const write = async (c: PrismaClient) => {
    if (!previous || !(await changedRowsOnly(c, board, rows, projected, previous, at))) for (const s of projectionWrites(c, board, decoded.board, at, rows)) await s;
  };
  if (opts.tx) await write(opts.tx as PrismaClient);
  else await db.$transaction((tx) => write(tx as PrismaClient));
  return { ok: true, projected };
}

/**
 * What this instance last wrote for a board (docs/decisions/050): each card's rows as text, and
 * the `updatedAt` it gave the board's BoardStat. The collaboration server keeps it per room, so
 * the next projection rewrites only the cards that changed.
 */
export interface Projected {
  cards: Map<string, string>;
  stamp: Date | string;
}

type Rows = ReturnType<typeof projectionRows>;

function projectedOf(rows: Rows): Projected {
  const cards = new Map<string, unknown[][]>(rows.cardRows.map((r) => [r[1] as string, [r]]));
  for (const r of rows.itemRows) cards.get(r[2] as string)!.push(r);
  return { cards: new Map([...cards].map(([id, rs]) => [id, JSON.stringify(rs)])), stamp: rows.stat[10] as Date | string };
}

/**
 * The cards that changed since `previous`, deleted and inserted again; the others stay. Only if the
 * projection is still the one `previous` describes: BoardStat's `updatedAt` is the stamp written
 * then (every writer of a projection, another instance, a rebuild, a launch, sets it anew).
 * Otherwise false, and the caller rewrites it whole.
 */
async function changedRowsOnly(c: PrismaClient, key: BoardKey, rows: Rows, projected: Projected, previous: Projected, at: Date | null) {
  const [, , , itemsDone, itemsTotal, planned, inProgress, done, activity, , now] = rows.stat;
  const stamped = at
    ? await c.$executeRaw`UPDATE "BoardStat" SET "itemsDone" = ${itemsDone}, "itemsTotal" = ${itemsTotal}, "cardsPlanned" = ${planned}, "cardsInProgress" = ${inProgress}, "cardsDone" = ${done}, "lastActivityAt" = ${activity}, "updatedAt" = ${now} WHERE "boardId" = ${key.id} AND "updatedAt" = ${previous.stamp} AND "error" IS NULL`
    : await c.$executeRaw`UPDATE "BoardStat" SET "itemsDone" = ${itemsDone}, "itemsTotal" = ${itemsTotal}, "cardsPlanned" = ${planned}, "cardsInProgress" = ${inProgress}, "cardsDone" = ${done}, "updatedAt" = ${now} WHERE "boardId" = ${key.id} AND "updatedAt" = ${previous.stamp} AND "error" IS NULL`;
  if (stamped !== 1) return false;
  const changed = new Set([...projected.cards].filter(([id, text]) => previous.cards.get(id) !== text).map(([id]) => id));
  const stale = [...changed, ...[...previous.cards.keys()].filter((id) => !projected.cards.has(id))];
  if (stale.length === 0) return true;
  await c.$executeRaw`DELETE FROM "CardRow" WHERE "boardId" = ${key.id} AND "cardId" IN (${SQL.join(stale)})`;
  await c.$executeRaw`DELETE FROM "ChecklistRow" WHERE "boardId" = ${key.id} AND "cardId" IN (${SQL.join(stale)})`;
  for (const s of insertRows(c, "CardRow", CARD_COLUMNS, rows.cardRows.filter((r) => changed.has(r[1] as string)))) await s;
  for (const s of insertRows(c, "ChecklistRow", ITEM_COLUMNS, rows.itemRows.filter((r) => changed.has(r[2] as string)))) await s;
  return true;
}

/** The statements in one transaction: a new one, or the caller's (the collaboration server's board section). */
async function inTransaction(db: PrismaClient, tx: Prisma.TransactionClient | undefined, statements: (c: PrismaClient) => Prisma.PrismaPromise<unknown>[]) {
  if (!tx) {
    await db.$transaction(statements(db));
    return;
  }
  for (const s of statements(tx as PrismaClient)) await s;
}

/**
 * A document that cannot be read is logged and marked, and its old rows are removed: the
 * overview then shows "cannot be read" for the school instead of stale or zero figures.
 */
export async function recordUnreadable(
  board: BoardKey,
  error: string,
  opts: { at?: Date | null; db?: PrismaClient; tx?: Prisma.TransactionClient } = {},
): Promise<ProjectResult> {
  const db = opts.db ?? getDb();
  getLogger().error({ boardId: board.id, schoolId: board.schoolId, campaignId: board.campaignId, error }, "board document cannot be projected");
  const zero = { itemsDone: 0, itemsTotal: 0, cardsPlanned: 0, cardsInProgress: 0, cardsDone: 0 };
  const at = opts.at === undefined ? new Date() : opts.at;
  await inTransaction(db, opts.tx, (db) => [
    db.cardRow.deleteMany({ where: { boardId: board.id } }),
    db.checklistRow.deleteMany({ where: { boardId: board.id } }),
    db.boardStat.upsert({
      where: { boardId: board.id },
      create: { boardId: board.id, campaignId: board.campaignId, schoolId: board.schoolId, ...zero, error, lastActivityAt: at },
      update: { ...zero, error, ...(at ? { lastActivityAt: at } : {}) },
    }),
  ]);
  return { ok: false, error };
}

/** A board's progress as the API reports it: null (not 0/0) when its document cannot be read. */
export function progressFromStat(stat: { itemsDone: number; itemsTotal: number; error: string | null } | null | undefined) {
  if (!stat || stat.error) return null;
  return { done: stat.itemsDone, total: stat.itemsTotal };
}

// Raw multi-row INSERTs: Prisma's createMany goes through the wasm query compiler, which cost
// 5–12 ms for a 14-card board (bench/campaigns); the same rows as SQL take well under 1 ms.
// Dates are written as Prisma writes them (sqlDate), so rows compare and sort alike whichever path wrote them.
const ROWS_PER_INSERT = 500;

function insertRows(db: PrismaClient, table: string, columns: readonly string[], rows: unknown[][]) {
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => SQL.sql`(${SQL.join(r)})`);
    statements.push(db.$executeRaw`INSERT INTO ${SQL.raw(`"${table}"`)} (${SQL.raw(columns.map((c) => `"${c}"`).join(", "))}) VALUES ${SQL.join(values)}`);
  }
  return statements;
}

const CARD_COLUMNS = ["boardId", "cardId", "campaignId", "schoolId", "templateId", "title", "category", "criteria", "status", "dueDate", "origin", "itemsDone", "itemsTotal"] as const;
const ITEM_COLUMNS = ["boardId", "itemId", "cardId", "campaignId", "schoolId", "templateId", "text", "done", "doneBy", "doneAt"] as const;

/** A board's projection as rows: its BoardStat values, card rows and checklist rows. */
function projectionRows(key: BoardKey, board: Board, at: Date | null, now: Date | string) {
  const cards = board.cards.filter((c) => !c.archived);
  const progress = boardProgress(board);
  const count = (s: string) => cards.filter((c) => c.status === s).length;
  const cardRows = cards.map((c) => {
    const p = cardProgress(c);
    return [key.id, c.id, key.campaignId, key.schoolId, c.templateId, c.title, c.category, c.criteria.join(","), c.status, c.dueDate, c.origin, p.done, p.total];
  });
  const itemRows = cards.flatMap((c) =>
    c.checklist
      .filter((i) => !i.archived)
      .map((i) => [key.id, i.id, c.id, key.campaignId, key.schoolId, i.templateId, i.text, sqlBool(i.done), i.doneBy, i.doneAt ? sqlDate(new Date(i.doneAt)) : null]),
  );
  const stat = [key.id, key.campaignId, key.schoolId, progress.done, progress.total, count("planned"), count("in_progress"), count("done"), at ? sqlDate(at) : null, null, now];
  return { cardRows, itemRows, stat };
}

const STAT_COLUMNS = ["boardId", "campaignId", "schoolId", "itemsDone", "itemsTotal", "cardsPlanned", "cardsInProgress", "cardsDone", "lastActivityAt", "error", "updatedAt"] as const;

function projectionWrites(db: PrismaClient, key: BoardKey, board: Board, at: Date | null, rows: Rows = projectionRows(key, board, at, sqlDate(new Date()))) {
  const { cardRows, itemRows, stat } = rows;
  return [
    db.$executeRaw`DELETE FROM "CardRow" WHERE "boardId" = ${key.id}`,
    db.$executeRaw`DELETE FROM "ChecklistRow" WHERE "boardId" = ${key.id}`,
    ...insertRows(db, "CardRow", CARD_COLUMNS, cardRows),
    ...insertRows(db, "ChecklistRow", ITEM_COLUMNS, itemRows),
    db.$executeRaw`
      INSERT INTO "BoardStat" (${SQL.raw(STAT_COLUMNS.map((c) => `"${c}"`).join(", "))})
      VALUES (${SQL.join(stat)})
      ON CONFLICT ("boardId") DO UPDATE SET
        "campaignId" = excluded."campaignId", "schoolId" = excluded."schoolId", "itemsDone" = excluded."itemsDone",
        "itemsTotal" = excluded."itemsTotal", "cardsPlanned" = excluded."cardsPlanned", "cardsInProgress" = excluded."cardsInProgress",
        "cardsDone" = excluded."cardsDone", "lastActivityAt" = COALESCE(excluded."lastActivityAt", "BoardStat"."lastActivityAt"), "error" = NULL, "updatedAt" = excluded."updatedAt"`,
  ];
}

/**
 * The first projection of boards that have no rows yet (a launch's new boards), as a few
 * multi-row INSERTs for all of them: the statements to run in the transaction that creates the
 * boards. A new board has seen no activity of its school (last activity null).
 */
export function newBoardsProjection(db: PrismaClient, boards: { key: BoardKey; board: Board }[]) {
  const now = sqlDate(new Date());
  const rows = boards.map(({ key, board }) => projectionRows(key, board, null, now));
  return [
    ...insertRows(db, "CardRow", CARD_COLUMNS, rows.flatMap((r) => r.cardRows)),
    ...insertRows(db, "ChecklistRow", ITEM_COLUMNS, rows.flatMap((r) => r.itemRows)),
    ...insertRows(db, "BoardStat", STAT_COLUMNS, rows.map((r) => r.stat)),
  ];
}

/** The latest instant a board's document records by itself: its last tick. */
function latestTick(doc: Y.Doc): Date | null {
  const decoded = readBoard(doc);
  if (!decoded.ok) return null;
  let latest: string | null = null;
  for (const c of decoded.board.cards) for (const i of c.checklist) if (i.doneAt && (!latest || i.doneAt > latest)) latest = i.doneAt;
  return latest ? new Date(latest) : null;
}

const maxDate = (...ds: (Date | null | undefined)[]) =>
  ds.reduce<Date | null>((m, d) => (d && (!m || d.getTime() > m.getTime()) ? d : m), null);

export type RebuildReport = { boards: number; projected: number; unreadable: { boardId: string; error: string }[]; orphanRows: number };

/**
 * Rebuilds the whole projection from the stored documents (snapshot + update log), board by
 * board. Last activity never moves backwards: it is the latest of what the projection already
 * holds, the board's last logged update by a member of its school (not the district's publish)
 * and its last tick, so a rebuild over a live projection changes nothing that was right. Changes
 * accepted while it runs re-project their own board.
 */
export async function rebuildProjection(opts: { db?: PrismaClient; onProgress?: (done: number, total: number) => void } = {}): Promise<RebuildReport> {
  const db = opts.db ?? getDb();
  const boards = await db.board.findMany({ select: { id: true, campaignId: true, schoolId: true, stat: { select: { lastActivityAt: true } } }, orderBy: { id: "asc" } });
  const report: RebuildReport = { boards: boards.length, projected: 0, unreadable: [], orphanRows: 0 };
  for (const [i, board] of boards.entries()) {
    const members = (await db.membership.findMany({ where: { schoolId: board.schoolId }, select: { userId: true } })).map((m) => m.userId);
    const lastUpdate = await db.boardUpdate.findFirst({ where: { boardId: board.id, userId: { in: members } }, orderBy: { id: "desc" }, select: { createdAt: true } });
    let doc: Y.Doc;
    try {
      doc = await loadBoardDoc(board.id, db);
    } catch (error) {
      const message = `cannot decode the stored document: ${error instanceof Error ? error.message : String(error)}`;
      await recordUnreadable(board, message, { db, at: maxDate(board.stat?.lastActivityAt, lastUpdate?.createdAt) });
      report.unreadable.push({ boardId: board.id, error: message });
      continue;
    }
    const at = maxDate(board.stat?.lastActivityAt, lastUpdate?.createdAt, latestTick(doc));
    const result = await projectBoard(board, doc, { db, at });
    if (result.ok) report.projected++;
    else report.unreadable.push({ boardId: board.id, error: result.error });
    opts.onProgress?.(i + 1, boards.length);
  }
  // Rows of boards that no longer exist (BoardStat cascades; the row tables carry no foreign key).
  const orphans = await db.$transaction([
    db.$executeRaw`DELETE FROM "CardRow" WHERE "boardId" NOT IN (SELECT "id" FROM "Board")`,
    db.$executeRaw`DELETE FROM "ChecklistRow" WHERE "boardId" NOT IN (SELECT "id" FROM "Board")`,
  ]);
  report.orphanRows = orphans[0] + orphans[1];
  return report;
}
