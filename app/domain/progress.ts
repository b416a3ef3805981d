import { liveItems } from "./ordering";
import type { Board, Card } from "./schema";

export { daysLeft, todayInHcm } from "./dates";

export type Progress = { done: number; total: number };

// The one rule for "done" (docs/overview.md, docs/decisions/022), used by the board, the
// progress figures, the overview, the matrix and the exports — through these functions and the
// projection they feed, never re-stated:
// - a card is done when it is in Hoàn thành, and only then;
// - progress counts checklist items (a card without live items counts as one); every item of a
//   done card counts, ticked or not, so a finished card never reads as unfinished;
// - a card is overdue when it is not done by its due date;
// - the board hints at the two mismatches: all items ticked but not moved, and done with items
//   left unticked.

export const isCardDone = (card: Pick<Card, "status">): boolean => card.status === "done";

export function cardProgress(card: Card): Progress {
  const items = liveItems(card);
  const total = Math.max(items.length, 1);
  if (isCardDone(card)) return { done: total, total };
  return { done: items.filter((item) => item.done).length, total };
}

export function boardProgress(board: Board): Progress {
  let done = 0;
  let total = 0;
  for (const card of board.cards) {
    if (card.archived) continue;
    const p = cardProgress(card);
    done += p.done;
    total += p.total;
  }
  return { done, total };
}

/** `today` is a YYYY-MM-DD date in Asia/Ho_Chi_Minh (see todayInHcm). */
export function isOverdue(card: Pick<Card, "dueDate" | "status">, today: string): boolean {
  return card.dueDate !== null && card.dueDate < today && !isCardDone(card);
}

export type DoneHint = "move_to_done" | "unticked_items";

/** Where a card's ticks and its column disagree, for a hint on the board (null: they agree). */
export function doneHint(card: Card): DoneHint | null {
  const items = liveItems(card);
  if (items.length === 0) return null;
  const ticked = items.filter((i) => i.done).length;
  if (!isCardDone(card) && ticked === items.length) return "move_to_done";
  if (isCardDone(card) && ticked < items.length) return "unticked_items";
  return null;
}
