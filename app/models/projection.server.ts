import type { PrismaClient } from "@prisma/client";
import type * as Y from "yjs";
import { boardProgress, cardProgress, readBoard, type Board } from "~/domain";
import { getDb } from "~/utils/db.server";

type BoardKey = { id: string; campaignId: string; schoolId: string };

/**
 * Writes a board's relational projection (stats, card rows, checklist rows) from its decoded
 * document, replacing what was there, in one transaction. The overview reads only these tables.
 */
export async function projectBoard(board: BoardKey, doc: Y.Doc, opts: { at?: Date; db?: PrismaClient } = {}) {
  const db = opts.db ?? getDb();
  const decoded = readBoard(doc);
  const at = opts.at ?? new Date();
  if (!decoded.ok) {
    await db.boardStat.upsert({
      where: { boardId: board.id },
      create: { boardId: board.id, campaignId: board.campaignId, schoolId: board.schoolId, error: decoded.error, lastActivityAt: at },
      update: { error: decoded.error, lastActivityAt: at },
    });
    return { ok: false as const, error: decoded.error };
  }
  await db.$transaction(projectionWrites(db, board, decoded.board, at));
  return { ok: true as const };
}

function projectionWrites(db: PrismaClient, key: BoardKey, board: Board, at: Date) {
  const cards = board.cards.filter((c) => !c.archived);
  const progress = boardProgress(board);
  const count = (s: string) => cards.filter((c) => c.status === s).length;
  const stat = {
    campaignId: key.campaignId,
    schoolId: key.schoolId,
    itemsDone: progress.done,
    itemsTotal: progress.total,
    cardsPlanned: count("planned"),
    cardsInProgress: count("in_progress"),
    cardsDone: count("done"),
    lastActivityAt: at,
    error: null,
  };
  const base = { boardId: key.id, campaignId: key.campaignId, schoolId: key.schoolId };
  return [
    db.cardRow.deleteMany({ where: { boardId: key.id } }),
    db.checklistRow.deleteMany({ where: { boardId: key.id } }),
    db.cardRow.createMany({
      data: cards.map((c) => {
        const p = cardProgress(c);
        return {
          ...base,
          cardId: c.id,
          templateId: c.templateId,
          title: c.title,
          category: c.category,
          criteria: c.criteria.join(","),
          status: c.status,
          dueDate: c.dueDate,
          origin: c.origin,
          itemsDone: p.done,
          itemsTotal: p.total,
        };
      }),
    }),
    db.checklistRow.createMany({
      data: cards.flatMap((c) =>
        c.checklist
          .filter((i) => !i.archived)
          .map((i) => ({
            ...base,
            cardId: c.id,
            itemId: i.id,
            templateId: i.templateId,
            text: i.text,
            done: i.done,
            doneBy: i.doneBy,
            doneAt: i.doneAt ? new Date(i.doneAt) : null,
          })),
      ),
    }),
    db.boardStat.upsert({ where: { boardId: key.id }, create: { boardId: key.id, ...stat }, update: stat }),
  ];
}
