import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Card } from "~/domain";
import type { CardActions } from "./card-actions";
import { Icon, TrashIcon } from "~/components/icons";

/** Deleting a school card puts it in the recycle bin: a toast offers to undo, the bin restores it later. */
export function DeleteCard({ card, actions, onDeleted }: { card: Card; actions: CardActions; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="board-danger-zone">
        <button type="button" className="btn board-btn-danger-outline" onClick={() => setConfirming(true)}>
          <Icon of={TrashIcon} />
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
