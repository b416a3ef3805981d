import * as Y from "yjs";
import { z } from "zod/mini";
import { cardsMap, checklistOf, isInitialised, type YCard, type YItem } from "./board-doc";
import { DomainError } from "./errors";
import { positionAt, sortByPosition, type Positioned } from "./order-keys";
import { describeZodError } from "./schema";
import { diffSpan } from "./text-typing";

export function parseInput<T>(schema: z.core.$ZodType<T>, value: unknown): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new DomainError("invalid_input", describeZodError(parsed.error));
  return parsed.data;
}

export function requireInitialised(doc: Y.Doc): void {
  if (!isInitialised(doc)) throw new DomainError("not_initialised", "the board document has no meta");
}

export function requireCard(doc: Y.Doc, cardId: string, options: { allowArchived?: boolean } = {}): YCard {
  requireInitialised(doc);
  const card = cardsMap(doc).get(cardId);
  if (!(card instanceof Y.Map)) throw new DomainError("card_not_found", `no card ${cardId}`);
  if (card.get("archived") === true && !options.allowArchived) {
    throw new DomainError("card_archived", `card ${cardId} is archived`);
  }
  return card;
}

export function requireItem(card: YCard, itemId: string): YItem {
  const item = checklistOf(card).get(itemId);
  if (!(item instanceof Y.Map)) throw new DomainError("item_not_found", `no checklist item ${itemId}`);
  if (item.get("archived") === true) throw new DomainError("item_archived", `item ${itemId} is archived`);
  return item;
}

export function textOf(map: Y.Map<unknown>, key: string): Y.Text {
  const value = map.get(key);
  if (!(value instanceof Y.Text)) throw new DomainError("invalid_input", `${key} is not a Y.Text`);
  return value;
}

/**
 * Turns `text` into `next` by replacing only the span that differs, so a
 * concurrent edit elsewhere in the same text survives the merge.
 */
export function replaceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  const { start, removed, inserted } = diffSpan(prev, next);
  if (removed > 0) text.delete(start, removed);
  if (inserted.length > 0) text.insert(start, inserted);
}

/** Live (non-archived) siblings in display order, read straight from the maps. */
export function liveSiblings(maps: Iterable<Y.Map<unknown>>, exceptId?: string): Positioned[] {
  const out: Positioned[] = [];
  for (const map of maps) {
    const id = map.get("id");
    const position = map.get("position");
    if (typeof id !== "string" || typeof position !== "string") continue;
    if (id === exceptId || map.get("archived") === true) continue;
    out.push({ id, position });
  }
  return sortByPosition(out);
}

/** Whether a key already sits strictly between the neighbours of `index`. */
export function isAt(siblings: readonly Positioned[], index: number, position: unknown): boolean {
  const at = Math.min(index, siblings.length);
  const before = siblings[at - 1]?.position;
  const after = siblings[at]?.position;
  return (
    typeof position === "string" &&
    (before === undefined || before < position) &&
    (after === undefined || position < after)
  );
}

/**
 * Gives `target` the key for `index` among `siblings` (clamped to the end),
 * re-keying tied siblings where needed.
 */
export function placeAt(
  siblings: readonly Positioned[],
  index: number,
  lookup: (id: string) => Y.Map<unknown> | undefined,
  target: Y.Map<unknown>,
): void {
  const { position, rekeyed } = positionAt(siblings, Math.min(index, siblings.length));
  for (const r of rekeyed) lookup(r.id)?.set("position", r.position);
  target.set("position", position);
}
