import type { Card, TemplateCard } from "./schema";

/** The district's own words for one card, where the school has reworded them. */
export interface OriginalWords {
  title: string | null;
  items: { id: string; original: string; now: string }[];
}

export type Originals = Record<string, { title: string; items: Record<string, string> }>;

/** Indexes a template version by template id (what a page needs to show originals beside cards). */
export function originalsOf(template: readonly TemplateCard[]): Originals {
  return Object.fromEntries(template.map((c) => [c.templateId, { title: c.title, items: Object.fromEntries(c.checklist.map((i) => [i.templateId, i.text])) }]));
}

const same = (a: string, b: string) => a.trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " ");

/**
 * What of a district card the school has reworded, with the district's text: null when nothing
 * was (a school's own card has no original). So the office never reads reworded work as the original.
 */
export function rewordedFrom(card: Card, originals: Originals): OriginalWords | null {
  if (card.origin !== "template" || !card.templateId) return null;
  const original = originals[card.templateId];
  if (!original) return null;
  const title = same(original.title, card.title) ? null : original.title;
  const items = card.checklist.flatMap((i) => {
    if (i.archived || i.origin !== "template" || !i.templateId) return [];
    const text = original.items[i.templateId];
    return text !== undefined && !same(text, i.text) ? [{ id: i.id, original: text, now: i.text }] : [];
  });
  return title || items.length ? { title, items } : null;
}
