import * as Y from "yjs";
import { DomainError } from "./errors";
import { newId } from "./ids";
import { initialKeys } from "./order-keys";
import { SCHEMA_VERSION, describeZodError, templateCardsSchema, type TemplateCard } from "./schema";
import { STATUSES, normaliseCriteria, type Category, type Criterion, type Origin, type Status } from "./vocabulary";

// The shape of a board's Y.Doc. docs/board-model.md describes it for other
// clients; change both together and bump SCHEMA_VERSION when old clients
// would misread the new shape.

export const META = "meta";
export const CARDS = "cards";
export const BOARD_ROOTS: readonly string[] = [META, CARDS];

export const CARD_KEYS = [
  "id", "title", "description", "category", "criteria", "dueDate", "assignees", "status",
  "position", "origin", "templateId", "section", "createdBy", "archived", "checklist",
] as const;
export const ITEM_KEYS = [
  "id", "text", "done", "doneBy", "doneAt", "position", "origin", "templateId", "needsEvidence", "archived",
] as const;
export const META_KEYS = ["schemaVersion", "columns", "templateVersion"] as const;

export type YCard = Y.Map<unknown>;
export type YItem = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

export function cardsMap(doc: Y.Doc): Y.Map<YCard> {
  return doc.getMap<YCard>(CARDS);
}

export function isInitialised(doc: Y.Doc): boolean {
  return metaMap(doc).has("schemaVersion");
}

export type NewCard = {
  id: string;
  title: string;
  description: string;
  category: Category;
  criteria: readonly Criterion[];
  dueDate: string | null;
  status: Status;
  position: string;
  origin: Origin;
  templateId: string | null;
  section: string | null;
  createdBy: string | null;
};

export type NewItem = {
  id: string;
  text: string;
  position: string;
  origin: Origin;
  templateId: string | null;
  needsEvidence: boolean;
};

// Integrate the empty map first, then fill it: nested shared types are only
// guaranteed to behave once they belong to a document.
export function insertCard(doc: Y.Doc, card: NewCard): YCard {
  const map: YCard = new Y.Map();
  cardsMap(doc).set(card.id, map);
  map.set("id", card.id);
  map.set("title", new Y.Text(card.title));
  map.set("description", new Y.Text(card.description));
  map.set("category", card.category);
  map.set("criteria", normaliseCriteria(card.criteria));
  map.set("dueDate", card.dueDate);
  map.set("assignees", new Y.Array<string>());
  map.set("status", card.status);
  map.set("position", card.position);
  map.set("origin", card.origin);
  map.set("templateId", card.templateId);
  map.set("section", card.section);
  map.set("createdBy", card.createdBy);
  map.set("archived", false);
  map.set("checklist", new Y.Map<YItem>());
  return map;
}

export function insertItem(card: YCard, item: NewItem): YItem {
  const map: YItem = new Y.Map();
  checklistOf(card).set(item.id, map);
  map.set("id", item.id);
  map.set("text", new Y.Text(item.text));
  map.set("done", false);
  map.set("doneBy", null);
  map.set("doneAt", null);
  map.set("position", item.position);
  map.set("origin", item.origin);
  map.set("templateId", item.templateId);
  map.set("needsEvidence", item.needsEvidence);
  map.set("archived", false);
  return map;
}

export function checklistOf(card: YCard): Y.Map<YItem> {
  const checklist = card.get("checklist");
  if (!(checklist instanceof Y.Map)) throw new DomainError("invalid_input", "card has no checklist map");
  return checklist as Y.Map<YItem>;
}

/**
 * Adds one district requirement as a "planned" card at `position`, with its checklist in template
 * order. Shared by a new board's initialisation and the template merge (cards added later).
 */
export function insertTemplateCard(doc: Y.Doc, tpl: TemplateCard, position: string): YCard {
  const card = insertCard(doc, {
    id: newId("card"),
    title: tpl.title.trim(),
    description: tpl.description,
    category: tpl.category,
    criteria: tpl.criteria,
    dueDate: tpl.dueDate,
    status: "planned",
    position,
    origin: "template",
    templateId: tpl.templateId,
    section: tpl.section,
    createdBy: null,
  });
  const itemPositions = initialKeys(tpl.checklist.length);
  tpl.checklist.forEach((it, j) => {
    insertItem(card, {
      id: newId("item"),
      text: it.text.trim(),
      position: itemPositions[j]!,
      origin: "template",
      templateId: it.templateId,
      needsEvidence: it.needsEvidence,
    });
  });
  return card;
}

/**
 * Writes a new board: meta plus one card per template entry, in template
 * order, all "planned". A doc that already has meta is left alone, so a
 * server may call this on every load. Two replicas initialising the same
 * empty doc concurrently would each add their own cards: only the server
 * initialises.
 */
export function initBoardDoc(
  doc: Y.Doc,
  cards: readonly TemplateCard[],
  options: { templateVersion?: number } = {},
): void {
  if (isInitialised(doc)) return;
  const parsed = templateCardsSchema.safeParse(cards);
  if (!parsed.success) throw new DomainError("invalid_input", describeZodError(parsed.error));
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set("schemaVersion", SCHEMA_VERSION);
    meta.set("columns", Y.Array.from<string>([...STATUSES]));
    if (options.templateVersion !== undefined) meta.set("templateVersion", options.templateVersion);
    const positions = initialKeys(parsed.data.length);
    parsed.data.forEach((tpl, i) => insertTemplateCard(doc, tpl, positions[i]!));
  });
}
