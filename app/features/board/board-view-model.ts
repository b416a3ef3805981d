import { cardsByColumn, doneHint, isOverdue, liveItems, STATUSES, type Board, type Card, type DoneHint, type Progress } from "~/domain";
import type { ColumnIds } from "./drag-logic";
import { colorFor } from "./presence-logic";

// What the board components show, derived from the decoded board: one place
// for the rules (live cards only, progress, overdue) shared by the server
// render and every live re-render.

export type Member = { id: string; name: string };
export type Person = { id: string; name: string; color: string; known: boolean };

export type CardSummary = {
  card: Card;
  /** Ticked items of the card's checklist (what its bar shows; the board's figures use cardProgress). */
  progress: Progress;
  /** Live checklist items: the bar is shown only for cards that have some. */
  itemCount: number;
  overdue: boolean;
  /** Ticks and column disagree (app/domain/progress: the column decides "done"). */
  hint: DoneHint | null;
  assignees: Person[];
};

export function personFor(id: string, members: readonly Member[], unknownName: string): Person {
  const member = members.find((m) => m.id === id);
  return { id, name: member?.name ?? unknownName, color: colorFor(id), known: !!member };
}

export function summarise(card: Card, today: string, members: readonly Member[], unknownName: string): CardSummary {
  const items = liveItems(card);
  return {
    card,
    progress: { done: items.filter((i) => i.done).length, total: items.length },
    itemCount: items.length,
    overdue: isOverdue(card, today),
    hint: doneHint(card),
    assignees: card.assignees.map((id) => personFor(id, members, unknownName)),
  };
}

export function columnIds(board: Board): ColumnIds {
  const columns = cardsByColumn(board);
  return Object.fromEntries(STATUSES.map((s) => [s, columns[s].map((c) => c.id)])) as ColumnIds;
}

/** Live cards by id, for rendering a column order that may come from a drag in progress. */
export function cardIndex(board: Board): Map<string, Card> {
  return new Map(board.cards.filter((c) => !c.archived).map((c) => [c.id, c]));
}
