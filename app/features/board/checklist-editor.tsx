import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { liveItems, type Card, type ChecklistItem } from "~/domain";
import type { CardActions } from "./card-actions";
import { Icon, CheckIcon, EditIcon, TrashIcon } from "~/components/icons";
import { EvidenceStrip } from "~/features/evidence/evidence-strip";
import { useEvidence } from "~/features/evidence/use-evidence";
import { useLiveText } from "./live-text";

/**
 * The card's checklist: every item is a checkbox named by its own text. School
 * items can be reworded and removed; district items can be reworded and ticked.
 */
export function ChecklistEditor({ card, readOnly, actions }: { card: Card; readOnly: boolean; actions: CardActions }) {
  const { t } = useTranslation();
  const items = liveItems(card);
  const done = items.filter((i) => i.done).length;
  const headingId = useId();
  return (
    <section className="board-checklist" aria-labelledby={headingId}>
      <h3 id={headingId} className="board-checklist-heading">
        <span>{t("board.checklist")}</span>
        {items.length > 0 ? <span className="small muted">{t("board.checklistProgress", { done, total: items.length })}</span> : null}
      </h3>
      {items.length > 0 ? (
        <progress max={items.length} value={done} aria-label={t("board.checklistProgress", { done, total: items.length })} className="board-checklist-bar" />
      ) : (
        <p className="muted small">{t("board.dialog.noItems")}</p>
      )}
      <ul className="board-checklist-items">
        {items.map((item) => (
          <ChecklistRow key={item.id} cardId={card.id} item={item} readOnly={readOnly} actions={actions} />
        ))}
      </ul>
      {readOnly ? null : <AddItemForm cardId={card.id} actions={actions} />}
    </section>
  );
}

function ChecklistRow({ cardId, item, readOnly, actions }: { cardId: string; item: ChecklistItem; readOnly: boolean; actions: CardActions }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const inputId = useId();
  const evidence = useEvidence();
  // The server refuses the tick too (evidence_required); here the box waits for a photo and says why.
  const blocked = item.needsEvidence && !item.done && evidence !== null && evidence.forItem(item.id).length === 0;
  // A photo waiting in IndexedDB is not evidence yet: the tick waits for its upload.
  const waiting = blocked && evidence.queuedFor(cardId, item.id).length > 0;
  if (editing) return <ItemTextEditor cardId={cardId} item={item} actions={actions} onDone={() => setEditing(false)} />;
  return (
    <li className={`board-checklist-item${item.done ? " board-checklist-done" : ""}`}>
      <label className="board-check">
        <input
          type="checkbox"
          checked={item.done}
          disabled={readOnly || blocked}
          aria-describedby={blocked ? `${inputId}-why` : undefined}
          onChange={(e) => actions.tick(cardId, item.id, e.target.checked)}
        />
        <span className="board-check-text">
          <span>{item.text}</span>
          {item.needsEvidence ? <span className="board-evidence">{t("board.dialog.needsEvidence")}</span> : null}
        </span>
      </label>
      {blocked && !readOnly ? (
        <span id={`${inputId}-why`} className="small muted evidence-why">
          {t(waiting ? "evidence.tickWaitsUpload" : "evidence.tickNeedsEvidence")}
        </span>
      ) : null}
      <EvidenceStrip cardId={cardId} itemId={item.id} label={item.text} readOnly={readOnly} />
      {readOnly ? null : (
        <span className="board-item-actions">
          <button type="button" className="board-icon-btn" aria-label={t("board.dialog.editItem", { text: item.text })} onClick={() => setEditing(true)}>
            <Icon of={EditIcon} />
          </button>
          {item.origin === "school" ? (
            <button type="button" className="board-icon-btn" aria-label={t("board.dialog.removeItem", { text: item.text })} onClick={() => actions.removeItem(cardId, item.id)}>
              <Icon of={TrashIcon} />
            </button>
          ) : null}
        </span>
      )}
    </li>
  );
}

/** An item's text bound live to its Y.Text, like the card's own texts; Enter or "Xong" closes it. */
function ItemTextEditor({ cardId, item, actions, onDone }: { cardId: string; item: ChecklistItem; actions: CardActions; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const text = useLiveText(item.text, (base, next) => actions.typeItem(cardId, item.id, base, next));
  const finish = (event?: React.FormEvent) => {
    event?.preventDefault();
    text.settle(text.value.trim() || text.stored);
    onDone();
  };
  return (
    <li className="board-checklist-item">
      <form className="board-inline-form" onSubmit={finish} noValidate>
        <label className="board-sr-only" htmlFor={inputId}>
          {t("board.dialog.editItemLabel")}
        </label>
        <input
          id={inputId}
          {...text.bind}
          maxLength={500}
          autoFocus
          enterKeyHint="done"
          aria-invalid={text.refused}
          aria-describedby={text.refused ? `${inputId}-error` : undefined}
        />
        <button type="submit" className="btn btn-primary">
          <Icon of={CheckIcon} />
          {t("board.dialog.done")}
        </button>
        {text.refused ? (
          <p id={`${inputId}-error`} className="form-error" role="alert">
            {t("board.dialog.itemRequired")}
          </p>
        ) : null}
      </form>
    </li>
  );
}

function AddItemForm({ cardId, actions }: { cardId: string; actions: CardActions }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const id = useId();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (text.trim() && actions.addItem(cardId, text.trim())) setText("");
  };
  return (
    <form className="board-inline-form" onSubmit={submit} noValidate>
      <label className="board-sr-only" htmlFor={id}>
        {t("board.dialog.newItem")}
      </label>
      <input id={id} value={text} maxLength={500} placeholder={t("board.dialog.newItem")} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
        {t("board.dialog.addItem")}
      </button>
    </form>
  );
}
