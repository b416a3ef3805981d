import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, type Category, type Status } from "~/domain";
import { SortableBoardCard } from "./board-card";
import type { CardSummary } from "./board-view-model";
import { columnDropId } from "./drag-logic";
import type { PresenceUser } from "./presence-logic";

type ColumnProps = {
  status: Status;
  cards: CardSummary[];
  editorsByCard: Map<string, PresenceUser[]>;
  readOnly: boolean;
  /** A card in the air would land here: the column is highlighted. */
  target?: boolean;
  onOpen: (cardId: string) => void;
  onAdd: (status: Status, title: string, category: Category) => boolean;
};

export function BoardColumn({ status, cards, editorsByCard, readOnly, target = false, onOpen, onAdd }: ColumnProps) {
  const { t } = useTranslation();
  // The column itself is a drop target too: that is how a card reaches an empty column.
  const { setNodeRef, isOver } = useDroppable({ id: columnDropId(status) });
  const headingId = `board-col-${status}`;
  return (
    <section ref={setNodeRef} className={`board-column board-column-${status}${isOver || target ? " board-column-over" : ""}`}
      data-drop-target={target ? "true" : undefined} aria-labelledby={headingId}>
      <h2 id={headingId} className="board-column-heading">
        <span>{t(`statuses.${status}`)}</span>
        <span className="count" aria-label={t("board.cardCount", { count: cards.length })}>
          {cards.length}
        </span>
      </h2>
      <SortableContext id={status} items={cards.map((c) => c.card.id)} strategy={verticalListSortingStrategy}>
        <ul className="board-card-list">
          {cards.map((summary) => (
            <SortableBoardCard
              key={summary.card.id}
              summary={summary}
              editors={editorsByCard.get(summary.card.id) ?? []}
              readOnly={readOnly}
              onOpen={onOpen}
            />
          ))}
        </ul>
      </SortableContext>
      {cards.length === 0 ? <p className="muted small board-empty">{t("board.empty")}</p> : null}
      {readOnly ? null : <AddCardForm status={status} onAdd={onAdd} />}
    </section>
  );
}

function AddCardForm({ status, onAdd }: { status: Status; onAdd: ColumnProps["onAdd"] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState<Category>("action_plan");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="board-add-open" onClick={() => setOpen(true)} aria-label={t("board.add.heading", { column: t(`statuses.${status}`) })}>
        + {t("board.add.open")}
      </button>
    );
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError(t("board.dialog.titleRequired"));
    if (onAdd(status, title.trim(), category)) {
      setTitle("");
      setError(null);
      setOpen(false);
    }
  };
  return (
    <form className="board-add-form" onSubmit={submit} noValidate aria-label={t("board.add.heading", { column: t(`statuses.${status}`) })}>
      <label className="field" htmlFor={`${id}-title`}>
        {t("board.add.title")}
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </label>
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <label className="field" htmlFor={`${id}-category`}>
        {t("board.add.category")}
        <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="board-form-actions">
        <button type="submit" className="btn btn-primary">
          {t("board.add.submit")}
        </button>
        <button type="button" className="btn board-btn-secondary" onClick={() => setOpen(false)}>
          {t("board.add.cancel")}
        </button>
      </div>
    </form>
  );
}
