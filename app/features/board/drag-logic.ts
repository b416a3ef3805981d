import { STATUSES, type Status } from "~/domain";

// Pure drag-and-drop bookkeeping for the board, kept apart from dnd-kit so it
// can be unit-tested: while a card is dragged the board shows a local copy of
// the column order (remote edits wait until the drop), and the drop becomes
// exactly one domain `moveCard(status, index)`.

/** Card ids per column, in display order. */
export type ColumnIds = Record<Status, string[]>;

/** Droppable id of a whole column (used when a column is empty or the card is dropped below its last card). */
export const columnDropId = (status: Status) => `column:${status}`;

export function statusOfColumnDropId(id: string): Status | null {
  const status = id.startsWith("column:") ? id.slice("column:".length) : null;
  return status && (STATUSES as readonly string[]).includes(status) ? (status as Status) : null;
}

/** The column that holds `id`, whether `id` is a card or a column's own droppable. */
export function findColumn(columns: ColumnIds, id: string): Status | null {
  const asColumn = statusOfColumnDropId(id);
  if (asColumn) return asColumn;
  return STATUSES.find((s) => columns[s].includes(id)) ?? null;
}

/**
 * While dragging over another column, move the card into it so the target
 * column opens a gap: before the card it is over, after it when the dragged
 * card is below that card's middle, at the end when over the column itself.
 * Returns the same object when nothing changes (so React can skip a render).
 */
export function moveAcross(columns: ColumnIds, activeId: string, overId: string, placeBelow = false): ColumnIds {
  const from = findColumn(columns, activeId);
  const to = findColumn(columns, overId);
  if (!from || !to || from === to) return columns;
  const target = columns[to].filter((id) => id !== activeId);
  const overIndex = target.indexOf(overId);
  const index = overIndex === -1 ? target.length : overIndex + (placeBelow ? 1 : 0);
  target.splice(index, 0, activeId);
  return { ...columns, [from]: columns[from].filter((id) => id !== activeId), [to]: target };
}

export type Drop = { status: Status; index: number; columns: ColumnIds };

/**
 * Where a drop puts the card: its column and its index among the other cards
 * of that column — the `toIndex` of the domain's `moveCard`. Null when the
 * drop is outside every column.
 */
export function dropTarget(columns: ColumnIds, activeId: string, overId: string | null): Drop | null {
  if (overId === null) return null;
  const from = findColumn(columns, activeId);
  const to = findColumn(columns, overId);
  if (!from || !to) return null;
  // Dropped straight onto another column: the gap moveAcross opens is the place.
  const moved = from === to ? columns : moveAcross(columns, activeId, overId);
  const ids = moved[to];
  const fromIndex = ids.indexOf(activeId);
  const overIndex = ids.indexOf(overId);
  // Within a column the card takes the place of the card it is over; over the
  // column itself (below its last card) it stays where it is.
  const finalIds = from === to && overIndex !== -1 ? arrayMove(ids, fromIndex, overIndex) : ids;
  return { status: to, index: finalIds.indexOf(activeId), columns: { ...moved, [to]: finalIds } };
}

export function arrayMove<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item as T);
  return out;
}

/** Whether the drop changes anything compared with where the card was when the drag began. */
export function isRealMove(before: ColumnIds, drop: Drop, activeId: string): boolean {
  const was = findColumn(before, activeId);
  return was !== drop.status || before[drop.status].indexOf(activeId) !== drop.index;
}
