import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Card } from "~/domain";
import type { Member } from "./board-view-model";
import type { CardActions } from "./card-actions";
import { AssigneeField, ChoiceFields, DescriptionField, ReadOnlyFields, TitleField } from "./card-fields";
import { ChecklistEditor } from "./checklist-editor";
import { EvidenceStrip } from "~/features/evidence/evidence-strip";
import { useEvidence } from "~/features/evidence/use-evidence";
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
  /** The notifications, shown inside the dialog while it is open. */
  children?: React.ReactNode;
};

/**
 * The card's details in a native modal <dialog>: the browser keeps focus
 * inside it, makes the board behind it inert, and closes it on Esc. On a
 * phone it fills the screen (see the board section of app.css).
 */
export function CardDialog({ card, members, editors, readOnly, actions, onClose, onDeleted, children }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const open = card !== null;
  // Someone else may have attached photos since the page loaded: fetch the list as the card opens.
  const refreshEvidence = useEvidence()?.refresh;
  useEffect(() => {
    if (card?.id) refreshEvidence?.();
  }, [card?.id, refreshEvidence]);
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
          <section className="board-card-evidence" aria-label={t("evidence.cardHeading")}>
            <h3 className="board-checklist-heading">{t("evidence.cardHeading")}</h3>
            <EvidenceStrip cardId={card.id} itemId={null} label={card.title} readOnly={readOnly} />
          </section>
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
