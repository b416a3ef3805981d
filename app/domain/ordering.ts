import { sortByPosition } from "./order-keys";
import type { Board, Card, ChecklistItem } from "./schema";
import { STATUSES, type Status } from "./vocabulary";

/** The columns as a user sees them: live cards only, by position then id. */
export function cardsByColumn(board: Board): Record<Status, Card[]> {
  const columns = Object.fromEntries(STATUSES.map((s) => [s, [] as Card[]])) as Record<Status, Card[]>;
  for (const card of board.cards) {
    if (!card.archived) columns[card.status]?.push(card);
  }
  for (const status of STATUSES) columns[status] = sortByPosition(columns[status]);
  return columns;
}

/** A card's checklist as a user sees it: live items only, by position then id. */
export function liveItems(card: Card): ChecklistItem[] {
  return sortByPosition(card.checklist.filter((item) => !item.archived));
}
