import { useTranslation } from "react-i18next";
import type { TemplatePlanCard as TemplateCard } from "~/domain/template";
import { resolveDue, ruleFor, type CampaignSpan, type DueRule } from "~/domain/template-dates";
import { CATEGORIES, CRITERIA, type Category, type Criterion } from "~/domain/vocabulary";
import { formatDate } from "~/i18n/format";
import { FieldError, errorId } from "./field-error";

type Item = TemplateCard["checklist"][number];

export type CardEditorActions = {
  change: (patch: Partial<TemplateCard>) => void;
  remove: () => void;
  move: (dir: -1 | 1) => void;
  changeItem: (j: number, patch: Partial<Item>) => void;
  removeItem: (j: number) => void;
  moveItem: (j: number, dir: -1 | 1) => void;
  addItem: () => void;
};

/** One card of the template: a collapsible block with every field the district decides. */
export function TemplateCardEditor({
  card,
  index,
  span,
  errors,
  open,
  canMoveUp,
  canMoveDown,
  actions,
}: {
  card: TemplateCard;
  index: number;
  span: CampaignSpan;
  errors: Map<string, string>;
  open: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
  actions: CardEditorActions;
}) {
  const { t } = useTranslation();
  const base = `cards.${index}`;
  const err = (field: string) => errors.get(`${base}.${field}`);
  const described = (field: string) => (err(field) ? { "aria-invalid": true, "aria-describedby": errorId(`${base}.${field}`) } : {});
  const evidence = card.checklist.filter((i) => i.needsEvidence).length;
  const hasErrors = [...errors.keys()].some((k) => k === base || k.startsWith(`${base}.`));
  const toggleCriterion = (c: Criterion, on: boolean) =>
    actions.change({ criteria: CRITERIA.filter((x) => (x === c ? on : card.criteria.includes(x))) });

  return (
    <details className={`tpl-card${hasErrors ? " tpl-card-invalid" : ""}`} open={open || hasErrors} data-template-id={card.templateId}>
      <summary>
        <span className="tpl-card-title">{card.title || "—"}</span>
        <span className="muted small">
          {card.section ? `${card.section} · ` : ""}
          {t("campaigns.editor.summary", { items: card.checklist.length, due: card.dueDate ? formatDate(card.dueDate) : t("campaigns.editor.noDue") })}
          {evidence ? ` · ${t("campaigns.editor.evidenceCount", { count: evidence })}` : ""}
        </span>
      </summary>
      <div className="tpl-card-body stack">
        <label className="field">
          <span>{t("campaigns.editor.cardTitle")}</span>
          <input value={card.title} maxLength={200} onChange={(e) => actions.change({ title: e.target.value })} {...described("title")} />
          <FieldError id={errorId(`${base}.title`)} code={err("title")} />
        </label>
        <div className="tpl-row">
          <label className="field">
            <span>{t("campaigns.editor.category")}</span>
            <select value={card.category} onChange={(e) => actions.change({ category: e.target.value as Category })} {...described("category")}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </select>
            <FieldError id={errorId(`${base}.category`)} code={err("category")} />
          </label>
          <label className="field">
            <span>{t("campaigns.editor.section")}</span>
            <input value={card.section ?? ""} maxLength={20} placeholder={t("campaigns.editor.sectionHint")} onChange={(e) => actions.change({ section: e.target.value || null })} {...described("section")} />
            <FieldError id={errorId(`${base}.section`)} code={err("section")} />
          </label>
          <DueField card={card} span={span} onChange={actions.change} described={described("dueDate")} error={err("dueDate")} errorFor={errorId(`${base}.dueDate`)} />
        </div>
        <fieldset className="tpl-criteria" {...described("criteria")}>
          <legend>{t("campaigns.editor.criteria")}</legend>
          <div className="chips">
            {CRITERIA.map((c) => (
              <label key={c} className={`chip chip-check criterion-${c}`}>
                <input type="checkbox" checked={card.criteria.includes(c)} onChange={(e) => toggleCriterion(c, e.target.checked)} />
                {t(`criteria.${c}`)}
              </label>
            ))}
          </div>
          <FieldError id={errorId(`${base}.criteria`)} code={err("criteria") ?? [...errors].find(([k]) => k.startsWith(`${base}.criteria.`))?.[1]} />
        </fieldset>
        <label className="field">
          <span>{t("campaigns.editor.description")}</span>
          <textarea value={card.description} rows={3} maxLength={5000} onChange={(e) => actions.change({ description: e.target.value })} {...described("description")} />
          <FieldError id={errorId(`${base}.description`)} code={err("description")} />
        </label>
        <fieldset className="tpl-checklist">
          <legend>{t("campaigns.editor.checklist")}</legend>
          {card.checklist.length === 0 ? <p className="muted small">{t("campaigns.editor.noItems")}</p> : null}
          <ol className="tpl-items">
            {card.checklist.map((item, j) => {
              const path = `${base}.checklist.${j}.text`;
              const code = errors.get(path);
              return (
                <li key={item.templateId} className="tpl-item">
                  <input
                    value={item.text}
                    maxLength={500}
                    aria-label={t("campaigns.editor.itemText", { n: j + 1 })}
                    onChange={(e) => actions.changeItem(j, { text: e.target.value })}
                    aria-invalid={code ? true : undefined}
                    aria-describedby={code ? errorId(path) : undefined}
                  />
                  <label className="tpl-evidence">
                    <input type="checkbox" checked={item.needsEvidence} onChange={(e) => actions.changeItem(j, { needsEvidence: e.target.checked })} />
                    {t("campaigns.editor.needsEvidence")}
                  </label>
                  <span className="tpl-tools">
                    <button type="button" className="btn-icon" disabled={j === 0} onClick={() => actions.moveItem(j, -1)} aria-label={`${t("campaigns.editor.moveUp")}: ${item.text}`}>
                      ↑
                    </button>
                    <button type="button" className="btn-icon" disabled={j === card.checklist.length - 1} onClick={() => actions.moveItem(j, 1)} aria-label={`${t("campaigns.editor.moveDown")}: ${item.text}`}>
                      ↓
                    </button>
                    <button type="button" className="btn-icon btn-danger" onClick={() => actions.removeItem(j)} aria-label={`${t("campaigns.editor.removeItem")}: ${item.text}`}>
                      ✕
                    </button>
                  </span>
                  <FieldError id={errorId(path)} code={code} />
                </li>
              );
            })}
          </ol>
          <button type="button" className="btn btn-secondary btn-small" onClick={actions.addItem}>
            + {t("campaigns.editor.addItem")}
          </button>
        </fieldset>
        <div className="tpl-card-tools">
          <button type="button" className="btn btn-secondary btn-small" disabled={!canMoveUp} onClick={() => actions.move(-1)}>
            ↑ {t("campaigns.editor.moveUp")}
          </button>
          <button type="button" className="btn btn-secondary btn-small" disabled={!canMoveDown} onClick={() => actions.move(1)}>
            ↓ {t("campaigns.editor.moveDown")}
          </button>
          <button type="button" className="btn btn-danger btn-small" onClick={actions.remove}>
            {t("campaigns.editor.removeCard")}
          </button>
        </div>
      </div>
    </details>
  );
}

type DueKind = "fixed" | DueRule["from"];

/**
 * The card's due date: a fixed day, or so many days from the campaign's start or before its
 * deadline (it then moves with the campaign when it is copied to another year). The resolved
 * day is always shown.
 */
function DueField({
  card,
  span,
  onChange,
  described,
  error,
  errorFor,
}: {
  card: TemplateCard;
  span: CampaignSpan;
  onChange: (patch: Partial<TemplateCard>) => void;
  described: Record<string, unknown>;
  error: string | undefined;
  errorFor: string;
}) {
  const { t } = useTranslation();
  const kind: DueKind = card.due ? card.due.from : "fixed";
  const setKind = (next: DueKind) => {
    if (next === "fixed") return onChange({ due: null });
    const rule = card.dueDate ? ruleFor(card.dueDate, span) : { from: next, days: 0 };
    const due: DueRule = rule.from === next ? rule : { from: next, days: next === "start" ? 0 : -1 };
    onChange({ due, dueDate: resolveDue(due, span) });
  };
  const setDays = (raw: string) => {
    const days = Number(raw);
    if (!card.due || !Number.isInteger(days)) return;
    const n = card.due.from === "deadline" ? -Math.abs(days) : days;
    onChange({ due: { ...card.due, days: n }, dueDate: resolveDue({ ...card.due, days: n }, span) });
  };
  return (
    <fieldset className="field tpl-due">
      <legend>{t("campaigns.editor.dueDate")}</legend>
      <select value={kind} onChange={(e) => setKind(e.target.value as DueKind)} aria-label={t("campaigns.editor.dueKind")}>
        <option value="fixed">{t("campaigns.editor.dueFixed")}</option>
        <option value="start">{t("campaigns.editor.dueFromStart")}</option>
        <option value="deadline">{t("campaigns.editor.dueBeforeDeadline")}</option>
      </select>
      {card.due ? (
        <label className="tpl-due-days">
          <input type="number" inputMode="numeric" min={0} max={1000} value={Math.abs(card.due.days)} onChange={(e) => setDays(e.target.value)} {...described} />
          <span>{t(card.due.from === "start" ? "campaigns.editor.daysAfterStart" : "campaigns.editor.daysBeforeDeadline")}</span>
        </label>
      ) : (
        <input type="date" value={card.dueDate ?? ""} min={span.start} max={span.deadline} aria-label={t("campaigns.editor.dueDate")} onChange={(e) => onChange({ dueDate: e.target.value || null })} {...described} />
      )}
      {card.dueDate ? <span className="muted small">{t("campaigns.editor.dueResolved", { date: formatDate(card.dueDate) })}</span> : null}
      <FieldError id={errorFor} code={error} />
    </fieldset>
  );
}
