import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Status } from "~/domain";
import { boardAnnouncements } from "./announcements";
import { CardFace } from "./board-card";
import type { CardSummary } from "./board-view-model";
import { dropTarget, isRealMove, moveAcross, type ColumnIds } from "./drag-logic";
import { boardKeyboardCoordinates } from "./keyboard-moves";

type DndProps = {
  enabled: boolean;
  /** The live order of the columns. */
  ids: ColumnIds;
  titleOf: (cardId: string) => string;
  summaryOf: (cardId: string) => CardSummary | undefined;
  onMove: (cardId: string, status: Status, index: number) => void;
  children: (ids: ColumnIds) => React.ReactNode;
};

/**
 * Drag and drop between and within columns with a mouse, a finger (after a
 * short press, so that a swipe still scrolls the page) and the keyboard, with
 * announcements for screen readers. While a card is in the air the columns
 * show a local order; the drop is one domain move.
 */
export function BoardDnd({ enabled, ids, titleOf, summaryOf, onMove, children }: DndProps) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState<{ activeId: string; columns: ColumnIds } | null>(null);
  const startColumns = useRef<ColumnIds>(ids);
  // The announcements read these refs: dnd-kit asks for them after our own handlers ran.
  // Kept in step synchronously by the handlers (state would lag one render behind).
  const current = useRef<ColumnIds>(ids);
  if (!dragging) current.current = ids;

  const keyboardGetter = useMemo(() => boardKeyboardCoordinates(() => current.current), []);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardGetter }),
  );
  const titleRef = useRef(titleOf);
  titleRef.current = titleOf;
  const announcements = useMemo(
    () => boardAnnouncements(t, (id) => titleRef.current(id), () => current.current, () => startColumns.current),
    [t],
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    startColumns.current = ids;
    current.current = ids;
    setDragging({ activeId: String(active.id), columns: ids });
  };
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const translated = active.rect.current.translated;
    const below = !!translated && translated.top > over.rect.top + over.rect.height / 2;
    const columns = moveAcross(current.current, String(active.id), String(over.id), below);
    if (columns === current.current) return;
    current.current = columns;
    setDragging({ activeId: String(active.id), columns });
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const activeId = String(active.id);
    const drop = dropTarget(current.current, activeId, over ? String(over.id) : null);
    current.current = drop?.columns ?? startColumns.current;
    setDragging(null);
    if (drop && isRealMove(startColumns.current, drop, activeId)) onMove(activeId, drop.status, drop.index);
  };
  const onDragCancel = () => {
    current.current = startColumns.current;
    setDragging(null);
  };

  const active = dragging ? summaryOf(dragging.activeId) : undefined;
  return (
    <DndContext
      id="board-dnd"
      sensors={enabled ? sensors : []}
      collisionDetection={closestCorners}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("board.dnd.instructions") } }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      {children(dragging?.columns ?? ids)}
      <DragOverlay>{active ? <div className="board-card board-card-overlay"><CardFace summary={active} editors={[]} /></div> : null}</DragOverlay>
    </DndContext>
  );
}
