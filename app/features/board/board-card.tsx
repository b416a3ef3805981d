import { forwardRef } from "react";
import { useTranslation } from "react-i18next";
import { Icon, DragIcon } from "~/components/icons";
import { formatDate } from "~/i18n/format";
import type { CardSummary } from "./board-view-model";
import type { PresenceUser } from "./presence-logic";
import { Avatar, EditorsLine } from "./presence";
import { preloadCardDialog } from "./card-dialog";

export type CardProps = {
  summary: CardSummary;
  editors: PresenceUser[];
  readOnly: boolean;
  onOpen: (cardId: string) => void;
};

/**
 * A card in a column before drag and drop has loaded (dnd-loader.ts): the same card, whose handle
 * does nothing yet but is kept by the board for dnd-kit to take over (board-dnd.tsx has the
 * sortable copy).
 */
export function BoardCard({ summary, editors, readOnly, onOpen }: CardProps) {
  const { card } = summary;
  return (
    <li className="board-card" data-card-id={card.id}>
      <CardFace summary={summary} editors={editors} onOpen={onOpen}>
        {readOnly ? null : <DragHandle cardId={card.id} title={card.title} />}
      </CardFace>
    </li>
  );
}

type HandleProps = React.ButtonHTMLAttributes<HTMLButtonElement> & { cardId: string; title: string };

/** The grip a card is dragged by (the rest of the card scrolls and clicks normally). */
export const DragHandle = forwardRef<HTMLButtonElement, HandleProps>(function DragHandle({ cardId, title, ...rest }, ref) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      ref={ref}
      className="board-drag-handle"
      data-drag-card={cardId}
      aria-roledescription={t("board.dnd.roleDescription")}
      {...rest}
      aria-label={t("board.dragHandle", { title })}
    >
      <Icon of={DragIcon} size={20} />
    </button>
  );
});

/** What a card shows; also the floating copy under the pointer while dragging. */
export function CardFace({
  summary,
  editors,
  onOpen,
  children,
}: {
  summary: CardSummary;
  editors: PresenceUser[];
  onOpen?: (cardId: string) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const { card, progress, itemCount, overdue, hint, assignees } = summary;
  return (
    <article className={`board-card-face${overdue ? " board-card-overdue" : ""}${editors.length ? " board-card-edited" : ""}`}>
      <div className="board-card-head">
        <h3 className="board-card-title">
          {onOpen ? (
            <button
              type="button"
              className="board-card-open"
              data-card-open={card.id}
              onPointerEnter={preloadCardDialog}
              onFocus={preloadCardDialog}
              onClick={() => onOpen(card.id)}
            >
              {card.title}
            </button>
          ) : (
            card.title
          )}
        </h3>
        {children}
      </div>
      <EditorsLine editors={editors} />
      <p className="board-card-meta">
        <span className="tag">{t(`categories.${card.category}`)}</span>
        {card.section ? <span className="muted small">{t("board.section", { section: card.section })}</span> : null}
      </p>
      {card.criteria.length > 0 ? (
        <ul className="board-criteria">
          {card.criteria.map((c) => (
            <li key={c} className={`criterion criterion-${c}`}>
              {t(`criteria.${c}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {card.dueDate ? (
        <p className={overdue ? "board-due board-due-overdue" : "board-due"}>
          {overdue ? <strong className="board-overdue-flag">{t("board.overdue")}</strong> : null}
          <span>{t("board.due", { date: formatDate(card.dueDate) })}</span>
        </p>
      ) : null}
      {hint ? <p className="board-card-hint small">{t(`board.doneHint.${hint}`)}</p> : null}
      <div className="board-card-foot">
        {itemCount > 0 ? (
          <div className="board-card-progress">
            <progress max={progress.total} value={progress.done} aria-label={t("board.checklistProgress", progress)} />
            <span className="small">
              {progress.done}/{progress.total}
            </span>
          </div>
        ) : (
          <span />
        )}
        {assignees.length > 0 ? (
          <ul className="board-card-assignees" aria-label={t("board.assignees")}>
            {assignees.map((p) => (
              <li key={p.id}>
                <Avatar user={p} small />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
