import { liveItems } from "./ordering";
import type { Board, Card } from "./schema";

export { daysLeft, todayInHcm } from "./dates";

export type Progress = { done: number; total: number };

/**
 * Progress counts checklist items. A card without live items still stands for
 * one piece of work, done when the card is in the "done" column, so a board of
 * bare cards does not read as empty or complete.
 */
export function cardProgress(card: Card): Progress {
  const items = liveItems(card);
  if (items.length === 0) return { done: card.status === "done" ? 1 : 0, total: 1 };
  return { done: items.filter((item) => item.done).length, total: items.length };
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
  return card.dueDate !== null && card.dueDate < today && card.status !== "done";
}
