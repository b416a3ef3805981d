import {
  closestCorners,
  DndContext,
  pointerWithin,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type CollisionDetection,
  type DragStartEvent,
  useDroppable,
} from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS as DndCSS } from "@dnd-kit/utilities";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Status } from "~/domain";
import { boardAnnouncements } from "./announcements";
import { CardFace, DragHandle, type CardProps } from "./board-card";
import type { CardSummary } from "./board-view-model";
import { hasActivation, takeActivation } from "./drag-handover";
import { columnDropId, dropTarget, findColumn, isRealMove, moveAcross, statusOfColumnDropId, type ColumnIds } from "./drag-logic";
import { boardKeyboardCoordinates } from "./keyboard-moves";
import { registerMessages } from "~/i18n/i18n";
import { dndPages } from "~/i18n/pages";

// This module is its own chunk, loaded at the first sign of a drag (dnd-loader.ts), with the
// messages only a drag says.
registerMessages(dndPages);

type DndProps = {
  enabled: boolean;
  /** The live order of the columns. */
  ids: ColumnIds;
  titleOf: (cardId: string) => string;
  summaryOf: (cardId: string) => CardSummary | undefined;
  onMove: (cardId: string, status: Status, index: number) => void;
  /** The columns to render: the order on screen, the column a drop would land in (highlighted), whether a card is in the air. */
  children: (ids: ColumnIds, target: Status | null, dragging: boolean) => React.ReactNode;
};

// A finger (or pointer) decides where a card lands: the card under it, else the column under it.
// Only without a pointer (the keyboard) does the nearest corner decide.
const fingerFirst: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const hits = pointerWithin(args);
    const cards = hits.filter((h) => statusOfColumnDropId(String(h.id)) === null);
    if (cards.length > 0) return cards;
    if (hits.length > 0) return hits;
  }
  return closestCorners(args);
};

// Auto-scroll only right at the edge and gently: on a 360 px phone the next column is already
// peeking in, and a fast scroll carried cards past it into the last column.
const AUTO_SCROLL = { threshold: { x: 0.06, y: 0.12 }, acceleration: 4, interval: 8 } as const;

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
  // After a drop the card is rendered anew (often in another column), so the browser drops focus
  // to <body>. Put it back on the moved card's handle once it is in the column it was dropped in,
  // so Space picks it up again. (Until then the old copy may still be on screen.)
  const refocus = useRef<{ id: string; status: Status | null; until: number } | null>(null);
  useEffect(() => {
    const want = refocus.current;
    if (!want) return;
    if (Date.now() > want.until) return void (refocus.current = null);
    const scope = want.status ? `.board-column-${want.status} ` : "";
    const handle = document.querySelector<HTMLElement>(`${scope}[data-card-id="${CSS.escape(want.id)}"] .board-drag-handle`);
    if (!handle) return;
    if (document.activeElement !== handle) handle.focus();
    if (!want.status || ids[want.status].includes(want.id)) refocus.current = null;
  });
  const onDragEnd = ({ active, over, activatorEvent }: DragEndEvent) => {
    const activeId = String(active.id);
    const drop = dropTarget(current.current, activeId, over ? String(over.id) : null);
    current.current = drop?.columns ?? startColumns.current;
    setDragging(null);
    if (activatorEvent instanceof KeyboardEvent) refocus.current = { id: activeId, status: drop?.status ?? null, until: Date.now() + 3000 };
    if (drop && isRealMove(startColumns.current, drop, activeId)) onMove(activeId, drop.status, drop.index);
  };
  const onDragCancel = ({ active, activatorEvent }: { active: { id: string | number }; activatorEvent: Event | null }) => {
    current.current = startColumns.current;
    setDragging(null);
    if (activatorEvent instanceof KeyboardEvent) refocus.current = { id: String(active.id), status: null, until: Date.now() + 3000 };
  };

  const active = dragging ? summaryOf(dragging.activeId) : undefined;
  return (
    <DndContext
      id="board-dnd"
      sensors={enabled ? sensors : []}
      collisionDetection={fingerFirst}
      autoScroll={AUTO_SCROLL}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("board.dnd.instructions") } }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
    >
      {children(dragging?.columns ?? ids, dragging ? findColumn(dragging.columns, dragging.activeId) : null, !!dragging)}
      <DragOverlay>{active ? <div className="board-card board-card-overlay"><CardFace summary={active} editors={[]} /></div> : null}</DragOverlay>
    </DndContext>
  );
}

/** A card in a column, sortable through its handle only, so the rest of it scrolls and clicks normally. */
export function SortableBoardCard({ summary, editors, readOnly, onOpen }: CardProps) {
  const { t } = useTranslation();
  const { card } = summary;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: readOnly,
    attributes: { roleDescription: t("board.dnd.roleDescription") },
  });
  const handle = useRef<HTMLButtonElement | null>(null);
  // A press on this handle before dnd-kit arrived: carry it on, so the first drag is not lost.
  const listenersRef = useRef(listeners);
  listenersRef.current = listeners;
  useEffect(() => {
    // Nothing was pressed before dnd-kit came (every later mount of a card): no frame to wait for.
    if (!hasActivation()) return;
    // A frame later: the columns and cards have registered as drop targets by then, so a key's
    // pick-up starts where the card is (and is announced as a pick-up, not as a move).
    const frame = requestAnimationFrame(() => {
      const pressed = takeActivation(card.id);
      const el = handle.current;
      if (!pressed) return;
      const listener = el ? listenersRef.current?.[pressed.eventName] : undefined;
      if (!el || !listener) return;
      if (pressed.eventName === "onKeyDown") el.focus({ preventScroll: true });
      listener({ nativeEvent: pressed.event, target: el, currentTarget: el, preventDefault: () => pressed.event.preventDefault() });
    });
    return () => cancelAnimationFrame(frame);
  }, [card.id]);
  const style = { transform: DndCSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className={`board-card${isDragging ? " board-card-placeholder" : ""}`} data-card-id={card.id}>
      <CardFace summary={summary} editors={editors} onOpen={onOpen}>
        {readOnly ? null : (
          <DragHandle
            cardId={card.id}
            title={card.title}
            ref={(el) => {
              handle.current = el;
              setActivatorNodeRef(el);
            }}
            {...attributes}
            {...listeners}
          />
        )}
      </CardFace>
    </li>
  );
}

/** Makes a column (its <section>, rendered by BoardColumn) a drop target: how a card reaches an empty column. */
export function ColumnDropTarget({ status, node }: { status: Status; node: HTMLElement | null }) {
  const { setNodeRef } = useDroppable({ id: columnDropId(status) });
  useLayoutEffect(() => {
    setNodeRef(node);
    return () => setNodeRef(null);
  }, [setNodeRef, node]);
  return null;
}

/** A column's list of cards, in the order dnd-kit sorts. */
export function SortableCardList({ status, ids, children }: { status: Status; ids: string[]; children: React.ReactNode }) {
  return (
    <SortableContext id={status} items={ids} strategy={verticalListSortingStrategy}>
      <ul className="board-card-list">{children}</ul>
    </SortableContext>
  );
}
