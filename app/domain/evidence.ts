import type { Board } from "./schema";

// Evidence rules shared by the collaboration server (ticks), the report (submission) and the UI.

/** Items this change ticks (not done before, done after) that the district marked "needs evidence". */
export function ticksNeedingEvidence(before: Board, after: Board): string[] {
  const wasDone = new Set(before.cards.flatMap((c) => c.checklist.filter((i) => i.done).map((i) => i.id)));
  return after.cards.flatMap((c) => c.checklist.filter((i) => i.done && i.needsEvidence && !i.archived && !wasDone.has(i.id)).map((i) => i.id));
}

/** Ticked items that need evidence: each must have at least one attached before the report goes up. */
export function tickedItemsNeedingEvidence(board: Board): { cardId: string; cardTitle: string; itemId: string; text: string }[] {
  return board.cards.flatMap((c) =>
    c.archived ? [] : c.checklist.filter((i) => i.done && i.needsEvidence && !i.archived).map((i) => ({ cardId: c.id, cardTitle: c.title, itemId: i.id, text: i.text })),
  );
}
