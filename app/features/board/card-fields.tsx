import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORIES, CRITERIA, STATUSES, type Card, type Category, type Criterion, type Status } from "~/domain";
import { formatDate } from "~/i18n/format";
import type { Member } from "./board-view-model";
import type { CardActions } from "./card-actions";
import { DueDateField } from "./due-date-field";

// The card dialog's choices (column, due date, group, criteria, assignees), each saved at once as
// one domain mutation; the texts are in card-text-fields.tsx.

export function ChoiceFields({ card, actions, onMove }: { card: Card; actions: CardActions; onMove: (status: Status) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const toggleCriterion = (c: Criterion, on: boolean) =>
    actions.edit(card.id, { criteria: on ? [...card.criteria, c] : card.criteria.filter((x) => x !== c) });
  return (
    <>
      <div className="board-field-row">
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("board.dialog.status")}</label>
          <select id={`${id}-status`} value={card.status} onChange={(e) => onMove(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <DueDateField value={card.dueDate} onChange={(dueDate) => actions.edit(card.id, { dueDate })} />
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
