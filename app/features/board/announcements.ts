import type { Announcements } from "@dnd-kit/core";
import type { TFunction } from "i18next";
import { dropTarget, findColumn, type ColumnIds } from "./drag-logic";

type Where = { column: string; position: number; total: number } | null;

/**
 * Screen-reader announcements for dnd-kit, in the user's language: which card,
 * which column, which place. `columns()` is the order on screen right now
 * (during a drag, the order the drop would give).
 */
export function boardAnnouncements(t: TFunction, titleOf: (id: string) => string, columns: () => ColumnIds, columnsAtStart: () => ColumnIds): Announcements {
  const where = (cardId: string, ids: ColumnIds): Where => {
    const status = findColumn(ids, cardId);
    if (!status) return null;
    return { column: t(`statuses.${status}`), position: ids[status].indexOf(cardId) + 1, total: ids[status].length };
  };
  const say = (key: string, cardId: string, ids: ColumnIds, noneKey: string) => {
    const title = titleOf(cardId);
    const at = where(cardId, ids);
    return at ? t(key, { title, ...at }) : t(noneKey, { title });
  };
  // Where a drop over `overId` would put the card: within its own column the order on screen
  // only changes at the drop, so the place comes from the drop rule, not from the columns.
  const landing = (cardId: string, overId: string) => dropTarget(columns(), cardId, overId)?.columns ?? columns();
  // What was said last in this drag: dnd-kit reports the card over its own place as the drag
  // starts (the pick-up already said where it is), and the same place twice needs no repeating.
  let last: string | undefined;
  return {
    onDragStart: ({ active }) => {
      const text = say("board.dnd.start", String(active.id), columnsAtStart(), "board.dnd.overNone");
      const at = where(String(active.id), columnsAtStart());
      last = at ? t("board.dnd.over", { title: titleOf(String(active.id)), ...at }) : undefined;
      return text;
    },
    onDragOver: ({ active, over }) => {
      const id = String(active.id);
      const text = over ? say("board.dnd.over", id, landing(id, String(over.id)), "board.dnd.overNone") : t("board.dnd.overNone", { title: titleOf(id) });
      if (text === last) return undefined;
      last = text;
      return text;
    },
    onDragEnd: ({ active, over }) =>
      over ? say("board.dnd.end", String(active.id), columns(), "board.dnd.endNone") : t("board.dnd.endNone", { title: titleOf(String(active.id)) }),
    onDragCancel: ({ active }) => {
      const at = where(String(active.id), columnsAtStart());
      return t("board.dnd.cancel", { title: titleOf(String(active.id)), column: at?.column ?? "" });
    },
  };
}
