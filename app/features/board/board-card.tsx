import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useTranslation } from "react-i18next";
import { Icon } from "~/components/icons";
import { formatDate } from "~/i18n/format";
import type { CardSummary } from "./board-view-model";
import type { PresenceUser } from "./presence-logic";
import { Avatar, EditorsLine } from "./presence";
import { preloadCardDialog } from "./card-dialog";

type CardProps = {
  summary: CardSummary;
  editors: PresenceUser[];
  readOnly: boolean;
  onOpen: (cardId: string) => void;
};

/** A card in a column: sortable through its handle only, so the rest of it scrolls and clicks normally. */
export function SortableBoardCard({ summary, editors, readOnly, onOpen }: CardProps) {
  const { t } = useTranslation();
  const { card } = summary;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    disabled: readOnly,
    attributes: { roleDescription: t("board.dnd.roleDescription") },
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  return (
    <li ref={setNodeRef} style={style} className={`board-card${isDragging ? " board-card-placeholder" : ""}`} data-card-id={card.id}>
      <CardFace summary={summary} editors={editors} onOpen={onOpen}>
        {readOnly ? null : (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="board-drag-handle"
            {...attributes}
            {...listeners}
            aria-label={t("board.dragHandle", { title: card.title })}
          >
            <Icon name="drag" size={20} />
          </button>
        )}
      </CardFace>
    </li>
  );
}

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
