import * as Y from "yjs";
import { cardsMap, checklistOf, insertItem, insertTemplateCard, metaMap, type YCard, type YItem } from "./board-doc";
import { positionAt } from "./order-keys";
import { liveSiblings, parseInput, replaceText, requireInitialised, textOf } from "./mutation-helpers";
import { templateCardsSchema, type TemplateCard } from "./schema";
import { newId } from "./ids";
import { boardCards, type TemplateContent } from "./template";

// Brings one school's board in line with a new template version. docs/campaigns.md states the
// rules; in short: template cards and items are matched by templateId and keep their ids and
// done state; what the district added appears, what it removed disappears unless the school
// worked on it (then it is archived); the school's own cards and items are never touched.

export type MergeSummary = {
  /** False when the document was already at `version` (or newer): nothing was written. */
  changed: boolean;
  added: number;
  updated: number;
  restored: number;
  archived: number;
  deleted: number;
};

export type MergeOptions = {
  /**
   * The template version the board was last merged with. Fields the district did not change
   * since then (title, description, category, criteria, due date, item text) keep whatever the
   * school made of them; fields it changed take the district's new value. Without it, every
   * field takes the template's value.
   */
  previous?: TemplateContent | null;
};

type Tally = Omit<MergeSummary, "changed">;

export function mergeTemplate(doc: Y.Doc, template: TemplateContent, version: number, options: MergeOptions = {}): MergeSummary {
  requireInitialised(doc);
  // Rules stay with the district's template; a board takes resolved dates only.
  const cards = parseInput(templateCardsSchema, boardCards(template));
  const tally: Tally = { added: 0, updated: 0, restored: 0, archived: 0, deleted: 0 };
  const current = metaMap(doc).get("templateVersion");
  if (typeof current === "number" && current >= version) return { changed: false, ...tally };

  const previous = new Map((options.previous?.cards ?? []).map((c) => [c.templateId, c]));
  doc.transact(() => {
    const onBoard = new Map<string, YCard>();
    for (const card of cardsMap(doc).values()) {
      if (card.get("origin") === "template") onBoard.set(card.get("templateId") as string, card);
    }
    const wanted = new Set(cards.map((c) => c.templateId));
    for (const tpl of cards) {
      const card = onBoard.get(tpl.templateId);
      if (card) updateCard(card, tpl, previous.get(tpl.templateId), tally);
      else addTemplateCard(doc, tpl, tally);
    }
    for (const [templateId, card] of onBoard) {
      if (wanted.has(templateId) || card.get("archived") === true) continue;
      if (cardWasWorkedOn(card)) {
        card.set("archived", true);
        tally.archived++;
      } else {
        cardsMap(doc).delete(card.get("id") as string);
        tally.deleted++;
      }
    }
    metaMap(doc).set("templateVersion", version);
  });
  return { changed: true, ...tally };
}

/** New district requirements start in "planned", after the cards already there. */
function addTemplateCard(doc: Y.Doc, tpl: TemplateCard, tally: Tally) {
  const planned = [...cardsMap(doc).values()].filter((c) => c.get("status") === "planned");
  const siblings = liveSiblings(planned);
  const { position } = positionAt(siblings, siblings.length);
  insertTemplateCard(doc, tpl, position);
  tally.added++;
}

function updateCard(card: YCard, tpl: TemplateCard, prev: TemplateCard | undefined, tally: Tally) {
  let touched = false;
  if (card.get("archived") === true) {
    card.set("archived", false);
    tally.restored++;
  }
  // A district change wins; an unchanged district value leaves the school's edit alone.
  const districtChanged = <T>(pick: (c: TemplateCard) => T, same: (a: T, b: T) => boolean = Object.is) =>
    !prev || !same(pick(prev), pick(tpl));
  const setText = (key: "title" | "description", value: string) => {
    const yText = textOf(card, key);
    if (districtChanged((c) => c[key].trim()) && yText.toString() !== value) {
      replaceText(yText, value);
      touched = true;
    }
  };
  const setPlain = <T>(key: string, value: T, same: (a: T, b: T) => boolean, always = false) => {
    if ((always || districtChanged((c) => c[key as keyof TemplateCard] as T, same)) && !same(card.get(key) as T, value)) {
      card.set(key, value);
      touched = true;
    }
  };
  setText("title", tpl.title.trim());
  setText("description", tpl.description);
  setPlain("category", tpl.category, Object.is);
  setPlain("criteria", [...tpl.criteria], sameList);
  setPlain("dueDate", tpl.dueDate, Object.is);
  // Schools cannot change a card's section: it always follows the template.
  setPlain("section", tpl.section, Object.is, true);
  if (mergeItems(card, tpl, prev, tally)) touched = true;
  if (touched) tally.updated++;
}

function mergeItems(card: YCard, tpl: TemplateCard, prev: TemplateCard | undefined, tally: Tally): boolean {
  let touched = false;
  const checklist = checklistOf(card);
  const onCard = new Map<string, YItem>();
  for (const item of checklist.values()) {
    if (item.get("origin") === "template") onCard.set(item.get("templateId") as string, item);
  }
  const prevItems = new Map((prev?.checklist ?? []).map((i) => [i.templateId, i]));
  const wanted = new Set(tpl.checklist.map((i) => i.templateId));
  for (const it of tpl.checklist) {
    const item = onCard.get(it.templateId);
    const value = it.text.trim();
    if (!item) {
      const siblings = liveSiblings(checklist.values());
      const { position } = positionAt(siblings, siblings.length);
      insertItem(card, { id: newId("item"), text: value, position, origin: "template", templateId: it.templateId, needsEvidence: it.needsEvidence });
      touched = true;
      continue;
    }
    if (item.get("archived") === true) {
      item.set("archived", false);
      touched = true;
    }
    // Renaming an item never touches done/doneBy/doneAt: a tick survives a rewording.
    const before = prevItems.get(it.templateId);
    const yText = textOf(item, "text");
    if ((!before || before.text.trim() !== value) && yText.toString() !== value) {
      replaceText(yText, value);
      touched = true;
    }
    if (item.get("needsEvidence") !== it.needsEvidence) {
      item.set("needsEvidence", it.needsEvidence);
      touched = true;
    }
  }
  for (const [templateId, item] of onCard) {
    if (wanted.has(templateId) || item.get("archived") === true) continue;
    touched = true;
    // A ticked item is the school's work: keep it (hidden) rather than erase the record.
    if (item.get("done") === true) {
      item.set("archived", true);
      tally.archived++;
    } else {
      checklist.delete(item.get("id") as string);
      tally.deleted++;
    }
  }
  return touched;
}

/**
 * Whether a school has put work into a card: moved it out of "planned", assigned someone,
 * ticked one of its items or added items of its own. Such a card is archived, never deleted.
 */
export function cardWasWorkedOn(card: YCard): boolean {
  if (card.get("status") !== "planned") return true;
  const assignees = card.get("assignees");
  if (assignees instanceof Y.Array && assignees.length > 0) return true;
  for (const item of checklistOf(card).values()) {
    if (item.get("done") === true || item.get("origin") === "school") return true;
  }
  return false;
}

function sameList(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
}
