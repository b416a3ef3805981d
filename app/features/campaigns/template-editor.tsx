import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
// Types only from the template module: its zod schemas stay on the server.
import type { TemplateContent, TemplateIssue, TemplatePlanCard as TemplateCard } from "~/domain/template";
import { newTemplateId } from "~/domain/ids";
import type { CampaignSpan } from "~/domain/template-dates";
import { CATEGORIES, type Category } from "~/domain/vocabulary";
import { TemplateCardEditor, type CardEditorActions } from "./template-card-editor";

type Item = TemplateCard["checklist"][number];

/**
 * The district's template editor: cards grouped by category, each with its checklist. The whole
 * template is posted as JSON and validated on the server; its issues come back by path
 * ("cards.3.dueDate") and are shown beside the field they name.
 */
export function TemplateEditor({
  initial,
  span,
  campaignId,
  issues,
}: {
  initial: TemplateContent;
  span: CampaignSpan;
  campaignId: string;
  issues: TemplateIssue[] | null;
}) {
  const { t } = useTranslation();
  const [cards, setCards] = useState<TemplateCard[]>(initial.cards);
  const [errors, setErrors] = useState(() => new Map<string, string>());
  const [opened, setOpened] = useState<string | null>(null);
  const saving = useNavigation().state === "submitting";
  useEffect(() => setErrors(new Map((issues ?? []).map((i) => [i.path, i.code]))), [issues]);
  const dirty = useMemo(() => JSON.stringify(cards) !== JSON.stringify(initial.cards), [cards, initial]);

  // Paths are array indexes: a structural change makes old messages point at the wrong card.
  const restructure = (next: TemplateCard[]) => {
    setCards(next);
    setErrors(new Map());
  };
  const clearError = (prefix: string) =>
    setErrors((prev) => (prev.has(prefix) || [...prev.keys()].some((k) => k.startsWith(`${prefix}.`)) ? new Map([...prev].filter(([k]) => k !== prefix && !k.startsWith(`${prefix}.`))) : prev));

  const actionsFor = (i: number): CardEditorActions => {
    const withCard = (fn: (c: TemplateCard) => TemplateCard) => setCards((cs) => cs.map((c, k) => (k === i ? fn(c) : c)));
    const withItems = (fn: (items: Item[]) => Item[]) => withCard((c) => ({ ...c, checklist: fn(c.checklist) }));
    return {
      change: (patch) => {
        withCard((c) => ({ ...c, ...patch }));
        for (const key of Object.keys(patch)) clearError(`cards.${i}.${key}`);
      },
      remove: () => {
        if (window.confirm(t("campaigns.editor.confirmRemove", { title: cards[i]!.title }))) restructure(cards.filter((_, k) => k !== i));
      },
      move: (dir) => {
        const j = neighbour(cards, i, dir);
        if (j !== null) restructure(swap(cards, i, j));
      },
      changeItem: (j, patch) => {
        withItems((items) => items.map((it, k) => (k === j ? { ...it, ...patch } : it)));
        clearError(`cards.${i}.checklist.${j}`);
      },
      removeItem: (j) => restructure(cards.map((c, k) => (k === i ? { ...c, checklist: c.checklist.filter((_, m) => m !== j) } : c))),
      moveItem: (j, dir) => restructure(cards.map((c, k) => (k === i ? { ...c, checklist: swap(c.checklist, j, j + dir) } : c))),
      addItem: () => restructure(cards.map((c, k) => (k === i ? { ...c, checklist: [...c.checklist, { templateId: newTemplateId(), text: "", needsEvidence: false }] } : c))),
    };
  };

  const addCard = (category: Category) => {
    const card: TemplateCard = { templateId: newTemplateId(), section: null, category, criteria: [], title: t("campaigns.editor.newCardTitle"), description: "", dueDate: null, due: null, checklist: [] };
    const last = cards.map((c) => c.category).lastIndexOf(category);
    const next = [...cards];
    next.splice(last === -1 ? cards.length : last + 1, 0, card);
    restructure(next);
    setOpened(card.templateId);
  };

  const errorCount = errors.size;
  return (
    <Form method="post" className="tpl-editor stack" noValidate>
      <input type="hidden" name="content" value={JSON.stringify({ cards })} />
      {errorCount > 0 ? (
        <p className="form-error" role="alert">
          {t("campaigns.editor.errorsFound", { count: errorCount })}
          {errors.get("cards") ? ` ${t(`campaigns.errors.${errors.get("cards")}`)}` : ""}
        </p>
      ) : null}
      {CATEGORIES.map((category) => {
        const indexes = cards.flatMap((c, i) => (c.category === category ? [i] : []));
        return (
          <section key={category} className="tpl-group" aria-labelledby={`cat-${category}`}>
            <header className="tpl-group-head">
              <h2 id={`cat-${category}`}>{t(`categories.${category}`)}</h2>
              <span className="muted small">{t("campaigns.editor.cardsInCategory", { count: indexes.length })}</span>
            </header>
            {indexes.map((i, n) => (
              <TemplateCardEditor
                key={cards[i]!.templateId}
                card={cards[i]!}
                index={i}
                span={span}
                errors={errors}
                open={opened === cards[i]!.templateId}
                canMoveUp={n > 0}
                canMoveDown={n < indexes.length - 1}
                actions={actionsFor(i)}
              />
            ))}
            <button type="button" className="btn btn-secondary btn-small tpl-add-card" onClick={() => addCard(category)}>
              + {t("campaigns.editor.addCard")} · {t(`categories.${category}`)}
            </button>
          </section>
        );
      })}
      <div className="tpl-savebar">
        {dirty ? <span className="tpl-unsaved">{t("campaigns.editor.unsaved")}</span> : <span />}
        <Link to={`/campaigns/${campaignId}`} className="btn btn-secondary">
          {t("campaigns.editor.back")}
        </Link>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? t("campaigns.editor.saving") : t("campaigns.editor.save")}
        </button>
      </div>
    </Form>
  );
}

/** The index of the next card of the same category in direction `dir`, if any. */
function neighbour(cards: TemplateCard[], i: number, dir: -1 | 1): number | null {
  for (let j = i + dir; j >= 0 && j < cards.length; j += dir) if (cards[j]!.category === cards[i]!.category) return j;
  return null;
}

function swap<T>(list: T[], a: number, b: number): T[] {
  if (b < 0 || b >= list.length) return list;
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}
