import type { Announcements } from "@dnd-kit/core";
import type { TFunction } from "i18next";
import { findColumn, type ColumnIds } from "./drag-logic";

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
  return {
    onDragStart: ({ active }) => say("board.dnd.start", String(active.id), columnsAtStart(), "board.dnd.overNone"),
    onDragOver: ({ active, over }) => {
      const id = String(active.id);
      if (!over) return t("board.dnd.overNone", { title: titleOf(id) });
      // dnd-kit reports the card over its own place as the drag starts: the pick-up already said where it is.
      const now = where(id, columns());
      const then = where(id, columnsAtStart());
      if (now && then && now.column === then.column && now.position === then.position) return undefined;
      return say("board.dnd.over", id, columns(), "board.dnd.overNone");
    },
    onDragEnd: ({ active, over }) =>
      over ? say("board.dnd.end", String(active.id), columns(), "board.dnd.endNone") : t("board.dnd.endNone", { title: titleOf(String(active.id)) }),
    onDragCancel: ({ active }) => {
      const at = where(String(active.id), columnsAtStart());
      return t("board.dnd.cancel", { title: titleOf(String(active.id)), column: at?.column ?? "" });
    },
  };
}
