import type * as Y from "yjs";
import { z } from "zod/mini";
import { checklistOf, insertItem, type YCard } from "./board-doc";
import { DomainError } from "./errors";
import { newId } from "./ids";
import { isAt, liveSiblings, parseInput, placeAt, replaceText, requireCard, requireItem, textOf } from "./mutation-helpers";
import { positionAt } from "./order-keys";
import { LIMITS, idSchema, itemTextSchema } from "./schema";
import { applyTyping } from "./text-typing";

const itemText = z.pipe(itemTextSchema, z.transform((s: string) => s.trim()));
const toIndexSchema = z.number().check(z.int(), z.nonnegative());
const doneBySchema = z.object({ userId: idSchema, at: z.date() });

function itemSiblings(card: YCard, exceptId?: string) {
  return liveSiblings(checklistOf(card).values(), exceptId);
}

/** A school's own item, appended after the card's live items. */
export function addChecklistItem(doc: Y.Doc, cardId: string, text: string): string {
  const value = parseInput(itemText, text);
  const card = requireCard(doc, cardId);
  if (checklistOf(card).size >= LIMITS.itemsPerCard) {
    throw new DomainError("invalid_input", `a card holds at most ${LIMITS.itemsPerCard} checklist items`);
  }
  const id = newId("item");
  doc.transact(() => {
    const siblings = itemSiblings(card);
    const { position } = positionAt(siblings, siblings.length);
    insertItem(card, { id, text: value, position, origin: "school", templateId: null, needsEvidence: false });
  });
  return id;
}

export function editChecklistItem(doc: Y.Doc, cardId: string, itemId: string, text: string): void {
  const value = parseInput(itemText, text);
  const item = requireItem(requireCard(doc, cardId), itemId);
  doc.transact(() => replaceText(textOf(item, "text"), value));
}

/** Live typing into an item's text (see typeCardText). */
export function typeItemText(doc: Y.Doc, cardId: string, itemId: string, base: string, next: string): string {
  const item = requireItem(requireCard(doc, cardId), itemId);
  return applyTyping(textOf(item, "text"), base, next, itemTextSchema);
}

/**
 * Ticks or unticks an item. done, doneBy and doneAt are written together so
 * that concurrent ticks resolve to one person's whole tick; ticking an item
 * that is already done keeps the first ticker's name.
 */
export function setChecklistItemDone(
  doc: Y.Doc,
  cardId: string,
  itemId: string,
  done: boolean,
  by: { userId: string; at: Date },
): void {
  const { userId, at } = parseInput(doneBySchema, by);
  if (typeof done !== "boolean") throw new DomainError("invalid_input", "done must be a boolean");
  if (Number.isNaN(at.getTime())) throw new DomainError("invalid_input", "at is not a valid date");
  const item = requireItem(requireCard(doc, cardId), itemId);
  if (item.get("done") === done) return;
  doc.transact(() => {
    item.set("done", done);
    item.set("doneBy", done ? userId : null);
    item.set("doneAt", done ? at.toISOString() : null);
  });
}

/** Removes a school's own item; the district's items stay (only it archives them). */
export function removeChecklistItem(doc: Y.Doc, cardId: string, itemId: string): void {
  const card = requireCard(doc, cardId);
  const item = requireItem(card, itemId);
  if (item.get("origin") !== "school") {
    throw new DomainError("template_item", "district checklist items cannot be removed");
  }
  doc.transact(() => checklistOf(card).delete(itemId));
}

/** Puts the item at `toIndex` among the card's other live items. */
export function moveChecklistItem(doc: Y.Doc, cardId: string, itemId: string, toIndex: number): void {
  const index = parseInput(toIndexSchema, toIndex);
  const card = requireCard(doc, cardId);
  const item = requireItem(card, itemId);
  const siblings = itemSiblings(card, itemId);
  if (isAt(siblings, index, item.get("position"))) return;
  doc.transact(() => placeAt(siblings, index, (id) => checklistOf(card).get(id), item));
}
