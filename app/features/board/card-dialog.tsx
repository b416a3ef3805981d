import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Card } from "~/domain";
import { rewordedFrom, type Originals } from "~/domain/original-words";
import { CardActivity } from "~/features/comments/card-activity";
import { CardComments } from "~/features/comments/card-comments";
import type { Member } from "./board-view-model";
import type { CardActions } from "./card-actions";
import { AssigneeField, ChoiceFields, DescriptionField, ReadOnlyFields, TitleField } from "./card-fields";
import { ChecklistEditor } from "./checklist-editor";
import type { PresenceUser } from "./presence-logic";
import { EditorsLine } from "./presence";

type DialogProps = {
  card: Card | null;
  members: Member[];
  editors: PresenceUser[];
  readOnly: boolean;
  actions: CardActions;
  onClose: () => void;
  onDeleted: (title: string) => void;
  boardId?: string;
  /** May this person comment (the district office and the school's people; not the observer). */
  canComment?: boolean;
  /** The district's template words, to show beside a reworded requirement. */
  originals?: Originals;
  /** The notifications, shown inside the dialog while it is open. */
  children?: React.ReactNode;
};

/**
 * The card's details in a native modal <dialog>: the browser keeps focus
 * inside it, makes the board behind it inert, and closes it on Esc. On a
 * phone it fills the screen (see the board section of app.css).
 */
export function CardDialog({ card, members, editors, readOnly, actions, onClose, onDeleted, boardId, canComment = false, originals, children }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const open = card !== null;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="board-dialog" aria-labelledby="board-dialog-title" onClose={onClose}>
      {card ? (
        <div className="board-dialog-body">
          <header className="board-dialog-header">
            <div>
              <p className="eyebrow">{card.origin === "template" ? t("board.template") : t("board.schoolCard")}</p>
              <h2 id="board-dialog-title">{card.title}</h2>
            </div>
            <button type="button" className="board-icon-btn board-dialog-close" aria-label={t("board.dialog.close")} onClick={onClose}>
              ×
            </button>
          </header>
          <EditorsLine editors={editors} />
          {originals ? <OriginalWordsBox card={card} originals={originals} /> : null}
          {readOnly ? (
            <ReadOnlyFields card={card} members={members} />
          ) : (
            <>
              <TitleField key={`title-${card.id}`} card={card} actions={actions} />
              <DescriptionField key={`desc-${card.id}`} card={card} actions={actions} />
              <ChoiceFields card={card} actions={actions} />
              <AssigneeField card={card} members={members} actions={actions} />
            </>
          )}
          <ChecklistEditor card={card} readOnly={readOnly} actions={actions} />
          {readOnly ? null : card.origin === "school" ? (
            <DeleteCard
              key={card.id}
              card={card}
              actions={actions}
              onDeleted={() => {
                onDeleted(card.title);
                onClose();
              }}
            />
          ) : (
            <p className="muted small">{t("board.dialog.templateNote", { section: card.section ?? "—" })}</p>
          )}
          {boardId ? <CardComments key={`c-${card.id}`} boardId={boardId} cardId={card.id} canComment={canComment} /> : null}
          {boardId ? <CardActivity key={`a-${card.id}`} boardId={boardId} cardId={card.id} /> : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

function DeleteCard({ card, actions, onDeleted }: { card: Card; actions: CardActions; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="board-danger-zone">
        <button type="button" className="btn board-btn-danger" onClick={() => setConfirming(true)}>
          {t("board.dialog.deleteCard")}
        </button>
      </div>
    );
  }
  return (
    <div className="board-danger-zone" role="group" aria-label={t("board.dialog.deleteCard")}>
      <p>{t("board.dialog.confirmDelete", { title: card.title })}</p>
      <div className="board-form-actions">
        <button
          type="button"
          className="btn board-btn-danger"
          autoFocus
          onClick={() => {
            if (actions.remove(card.id)) onDeleted();
          }}
        >
          {t("board.dialog.confirmDeleteYes")}
        </button>
        <button type="button" className="btn board-btn-secondary" onClick={() => setConfirming(false)}>
          {t("board.dialog.cancel")}
        </button>
      </div>
    </div>
  );
}

/** "The district's words stay visible": the original requirement beside the school's rewording. */
function OriginalWordsBox({ card, originals }: { card: Card; originals: Originals }) {
  const { t } = useTranslation();
  const words = rewordedFrom(card, originals);
  if (!words) return null;
  return (
    <aside className="original-words" aria-label={t("original.label")} data-testid="original-words">
      <strong>{t("original.label")}</strong>
      {words.title ? <p>«{words.title}»</p> : null}
      {words.items.length ? (
        <ul>
          {words.items.map((i) => (
            <li key={i.id}>
              «{i.original}» <span className="muted small">({t("original.reworded")}: «{i.now}»)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
