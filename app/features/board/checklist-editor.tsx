import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { liveItems, type Card, type ChecklistItem } from "~/domain";
import type { CardActions } from "./card-actions";
import { useSyncedDraft } from "./synced-draft";
import { EvidenceStrip } from "~/features/evidence/evidence-strip";
import { useEvidence } from "~/features/evidence/use-evidence";

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
  const text = useSyncedDraft(item.text);
  const inputId = useId();
  const evidence = useEvidence();
  // The server refuses the tick too (evidence_required); here the box waits for a photo and says why.
  const blocked = item.needsEvidence && !item.done && evidence !== null && evidence.forItem(item.id).length === 0;
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.draft.trim()) return;
    if (text.dirty) actions.editItem(cardId, item.id, text.draft);
    setEditing(false);
  };
  if (editing) {
    return (
      <li className="board-checklist-item">
        <form className="board-inline-form" onSubmit={save}>
          <label className="board-sr-only" htmlFor={inputId}>
            {t("board.dialog.editItemLabel")}
          </label>
          <input id={inputId} value={text.draft} maxLength={500} autoFocus {...text.bind} onChange={(e) => text.setDraft(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={!text.draft.trim()}>
            {t("board.dialog.save")}
          </button>
          <button
            type="button"
            className="btn board-btn-secondary"
            onClick={() => {
              text.reset();
              setEditing(false);
            }}
          >
            {t("board.dialog.cancel")}
          </button>
        </form>
      </li>
    );
  }
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
        <span>{item.text}</span>
      </label>
      {item.needsEvidence ? <span className="board-evidence">{t("board.dialog.needsEvidence")}</span> : null}
      {blocked && !readOnly ? (
        <span id={`${inputId}-why`} className="small muted evidence-why">
          {t("evidence.tickNeedsEvidence")}
        </span>
      ) : null}
      <EvidenceStrip cardId={cardId} itemId={item.id} label={item.text} readOnly={readOnly} />
      {readOnly ? null : (
        <span className="board-item-actions">
          <button type="button" className="board-icon-btn" aria-label={t("board.dialog.editItem", { text: item.text })} onClick={() => setEditing(true)}>
            <span aria-hidden="true">✎</span>
          </button>
          {item.origin === "school" ? (
            <button type="button" className="board-icon-btn" aria-label={t("board.dialog.removeItem", { text: item.text })} onClick={() => actions.removeItem(cardId, item.id)}>
              <span aria-hidden="true">🗑</span>
            </button>
          ) : null}
        </span>
      )}
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
    <form className="board-inline-form" onSubmit={submit}>
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
