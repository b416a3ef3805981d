import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { STATUSES } from "~/domain";
import { columnDropId, findColumn, type ColumnIds } from "./drag-logic";

// Keyboard dragging on the board: Left/Right go to the neighbouring column,
// Up/Down to the neighbouring card in the same column. dnd-kit's stock
// sortableKeyboardCoordinates picks the nearest droppable in that direction,
// which on a board with one long column jumps over the next column entirely.

type Rect = { top: number; left: number; height: number };
export type Step = { id: string; rect: Rect; alignBottom: boolean };

const KEYS = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" } as const;
type Direction = (typeof KEYS)[keyof typeof KEYS];

/** Where one arrow key takes the dragged card; null when there is nowhere to go that way. */
export function keyboardStep(columns: ColumnIds, activeId: string, direction: Direction, rects: ReadonlyMap<string, Rect>, currentTop: number): Step | null {
  const status = findColumn(columns, activeId);
  if (!status) return null;
  if (direction === "up" || direction === "down") {
    const ids = columns[status];
    const i = ids.indexOf(activeId);
    const id = ids[direction === "up" ? i - 1 : i + 1];
    const rect = id ? rects.get(id) : undefined;
    return id && rect ? { id, rect, alignBottom: direction === "down" } : null;
  }
  const next = STATUSES[STATUSES.indexOf(status) + (direction === "left" ? -1 : 1)];
  if (!next) return null;
  // In the neighbouring column, the card nearest the height the dragged card is at now.
  let best: Step | null = null;
  for (const id of columns[next]) {
    const rect = rects.get(id);
    if (rect && (!best || Math.abs(rect.top - currentTop) < Math.abs(best.rect.top - currentTop))) best = { id, rect, alignBottom: false };
  }
  if (best) return best;
  const rect = rects.get(columnDropId(next));
  return rect ? { id: columnDropId(next), rect, alignBottom: false } : null;
}

export function boardKeyboardCoordinates(columns: () => ColumnIds): KeyboardCoordinateGetter {
  return (event, { active, context }) => {
    const direction = KEYS[event.code as keyof typeof KEYS];
    const { collisionRect, droppableRects } = context;
    if (!direction || !collisionRect) return undefined;
    event.preventDefault();
    const rects = new Map<string, Rect>();
    for (const [id, rect] of droppableRects) rects.set(String(id), rect);
    const step = keyboardStep(columns(), String(active), direction, rects, collisionRect.top);
    if (!step) return undefined;
    // Moving down, line the bottoms up so the sortable list sees the card past its neighbour.
    const y = step.alignBottom ? step.rect.top + step.rect.height - collisionRect.height : step.rect.top;
    return { x: step.rect.left, y };
  };
}
