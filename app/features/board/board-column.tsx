import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, type Category, type Status } from "~/domain";
import { BoardCard } from "./board-card";
import type { CardSummary } from "./board-view-model";
import type { DndModule } from "./dnd-loader";
import type { PresenceUser } from "./presence-logic";

type ColumnProps = {
  status: Status;
  cards: CardSummary[];
  editorsByCard: Map<string, PresenceUser[]>;
  readOnly: boolean;
  /** A card in the air would land here: the column is highlighted. */
  target?: boolean;
  /** Drag and drop, once loaded (dnd-loader.ts). */
  dnd: DndModule | null;
  /** The "add a card" form's state, kept by the board: the columns are rendered anew when drag and drop arrives. */
  draft: AddDraft | undefined;
  onDraft: (status: Status, draft: AddDraft | undefined) => void;
  onOpen: (cardId: string) => void;
  onAdd: (status: Status, title: string, category: Category) => boolean;
};

export type AddDraft = { title: string; category: Category; error: string | null };

export function BoardColumn({ status, cards, editorsByCard, readOnly, target = false, dnd, draft, onDraft, onOpen, onAdd }: ColumnProps) {
  const { t } = useTranslation();
  // In state, not a ref: the drop target below is a child, whose effects run before a ref is set.
  const [section, setSection] = useState<HTMLElement | null>(null);
  const headingId = `board-col-${status}`;
  const Card = dnd ? dnd.SortableBoardCard : BoardCard;
  const items = cards.map((summary) => (
    <Card key={summary.card.id} summary={summary} editors={editorsByCard.get(summary.card.id) ?? []} readOnly={readOnly} onOpen={onOpen} />
  ));
  return (
    <section ref={setSection} className={`board-column board-column-${status}${target ? " board-column-over" : ""}`}
      data-drop-target={target ? "true" : undefined} data-column={status} aria-labelledby={headingId}>
      {/* The column itself is a drop target too: that is how a card reaches an empty column. */}
      {dnd ? <dnd.ColumnDropTarget status={status} node={section} /> : null}
      <h2 id={headingId} className="board-column-heading">
        <span>{t(`statuses.${status}`)}</span>
        <span className="count" aria-label={t("board.cardCount", { count: cards.length })}>
          {cards.length}
        </span>
      </h2>
      {dnd ? (
        <dnd.SortableCardList status={status} ids={cards.map((c) => c.card.id)}>
          {items}
        </dnd.SortableCardList>
      ) : (
        <ul className="board-card-list">{items}</ul>
      )}
      {cards.length === 0 ? <p className="muted small board-empty">{t("board.empty")}</p> : null}
      {readOnly ? null : <AddCardForm status={status} onAdd={onAdd} draft={draft} onDraft={(d) => onDraft(status, d)} />}
    </section>
  );
}

type FormProps = { status: Status; onAdd: ColumnProps["onAdd"]; draft: AddDraft | undefined; onDraft: (draft: AddDraft | undefined) => void };

/** "+ Thêm thẻ": closed while there is no draft; the draft is the board's (see ColumnProps.draft). */
function AddCardForm({ status, onAdd, draft, onDraft }: FormProps) {
  const { t } = useTranslation();
  const id = useId();
  if (!draft) {
    return (
      <button type="button" className="board-add-open" onClick={() => onDraft({ title: "", category: "action_plan", error: null })} aria-label={t("board.add.heading", { column: t(`statuses.${status}`) })}>
        + {t("board.add.open")}
      </button>
    );
  }
  const { title, category, error } = draft;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return onDraft({ ...draft, error: t("board.dialog.titleRequired") });
    if (onAdd(status, title.trim(), category)) onDraft(undefined);
  };
  return (
    <form className="board-add-form" onSubmit={submit} noValidate aria-label={t("board.add.heading", { column: t(`statuses.${status}`) })}>
      <label className="field" htmlFor={`${id}-title`}>
        {t("board.add.title")}
        <input
          id={`${id}-title`}
          name="title"
          value={title}
          maxLength={200}
          autoFocus
          onChange={(e) => onDraft({ ...draft, title: e.target.value })}
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
        <select id={`${id}-category`} name="category" value={category} onChange={(e) => onDraft({ ...draft, category: e.target.value as Category })}>
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
        <button type="button" className="btn board-btn-secondary" onClick={() => onDraft(undefined)}>
          {t("board.add.cancel")}
        </button>
      </div>
    </form>
  );
}
