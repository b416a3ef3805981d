import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, CRITERIA, STATUSES, type Card, type Category, type Criterion, type Status } from "~/domain";
import { formatDate } from "~/i18n/format";
import type { Member } from "./board-view-model";
import type { CardActions } from "./card-actions";
import { useSyncedDraft } from "./synced-draft";

// The editable fields of the card dialog. Texts are saved when the field is
// left (or on Enter for the title), choices at once; each save is one domain
// mutation, so the others see it immediately.

export function TitleField({ card, actions }: { card: Card; actions: CardActions }) {
  const { t } = useTranslation();
  const title = useSyncedDraft(card.title);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const save = () => {
    if (!title.dirty) return;
    if (!title.draft.trim()) return setError(t("board.dialog.titleRequired"));
    setError(null);
    actions.edit(card.id, { title: title.draft });
  };
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={id}>{t("board.dialog.title")}</label>
      <input
        id={id}
        value={title.draft}
        maxLength={200}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        onFocus={title.bind.onFocus}
        onBlur={() => {
          save();
          title.bind.onBlur();
        }}
        onChange={(e) => title.setDraft(e.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function DescriptionField({ card, actions }: { card: Card; actions: CardActions }) {
  const { t } = useTranslation();
  const text = useSyncedDraft(card.description);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t("board.dialog.description")}</label>
      <textarea
        id={id}
        rows={3}
        maxLength={5000}
        value={text.draft}
        onFocus={text.bind.onFocus}
        onBlur={() => {
          if (text.dirty) actions.edit(card.id, { description: text.draft });
          text.bind.onBlur();
        }}
        onChange={(e) => text.setDraft(e.target.value)}
      />
    </div>
  );
}

export function ChoiceFields({ card, actions }: { card: Card; actions: CardActions }) {
  const { t } = useTranslation();
  const id = useId();
  const toggleCriterion = (c: Criterion, on: boolean) =>
    actions.edit(card.id, { criteria: on ? [...card.criteria, c] : card.criteria.filter((x) => x !== c) });
  return (
    <>
      <div className="board-field-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("board.dialog.status")}</label>
          <select id={`${id}-status`} value={card.status} onChange={(e) => actions.move(card.id, e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("board.dialog.dueDate")}</label>
          <input
            id={`${id}-due`}
            type="date"
            value={card.dueDate ?? ""}
            onChange={(e) => actions.edit(card.id, { dueDate: e.target.value === "" ? null : e.target.value })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t("board.dialog.category")}</label>
        <select id={`${id}-category`} value={card.category} onChange={(e) => actions.edit(card.id, { category: e.target.value as Category })}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="board-fieldset">
        <legend>{t("board.dialog.criteria")}</legend>
        <div className="board-toggle-list">
          {CRITERIA.map((c) => (
            <label key={c} className={`board-toggle criterion-${c}`}>
              <input type="checkbox" checked={card.criteria.includes(c)} onChange={(e) => toggleCriterion(c, e.target.checked)} />
              {t(`criteria.${c}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

export function AssigneeField({ card, members, actions }: { card: Card; members: Member[]; actions: CardActions }) {
  const { t } = useTranslation();
  // People assigned earlier who have left the team stay visible, so they can be unassigned.
  const outsiders = card.assignees.filter((id) => !members.some((m) => m.id === id)).map((id) => ({ id, name: t("board.unknownPerson") }));
  const toggle = (userId: string, on: boolean) =>
    actions.assign(card.id, on ? [...card.assignees, userId] : card.assignees.filter((x) => x !== userId));
  return (
    <fieldset className="board-fieldset">
      <legend>{t("board.assignees")}</legend>
      <div className="board-toggle-list">
        {[...members, ...outsiders].map((m) => (
          <label key={m.id} className="board-toggle">
            <input type="checkbox" checked={card.assignees.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
            {m.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The same facts for people who may only look. */
export function ReadOnlyFields({ card, members }: { card: Card; members: Member[] }) {
  const { t } = useTranslation();
  const names = card.assignees.map((id) => members.find((m) => m.id === id)?.name ?? t("board.unknownPerson"));
  return (
    <dl className="board-facts">
      <dt>{t("board.dialog.status")}</dt>
      <dd>{t(`statuses.${card.status}`)}</dd>
      <dt>{t("board.dialog.category")}</dt>
      <dd>{t(`categories.${card.category}`)}</dd>
      <dt>{t("board.dialog.criteria")}</dt>
      <dd>{card.criteria.map((c) => t(`criteria.${c}`)).join(", ") || "—"}</dd>
      <dt>{t("board.dialog.dueDate")}</dt>
      <dd>{card.dueDate ? formatDate(card.dueDate) : t("board.dialog.noDueDate")}</dd>
      <dt>{t("board.assignees")}</dt>
      <dd>{names.join(", ") || t("board.unassigned")}</dd>
      {card.description ? (
        <>
          <dt>{t("board.dialog.description")}</dt>
          <dd className="board-description">{card.description}</dd>
        </>
      ) : null}
    </dl>
  );
}
