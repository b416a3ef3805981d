import * as Y from "yjs";
import { cardsMap } from "./board-doc";
import { compareCards, decodeCard } from "./decode-board";
import type { Board, Card } from "./schema";

// What one Yjs transaction changed on a board, by card: the server validates an update by
// re-decoding and checking only the cards it touched (docs/decisions/048). Everything a decoded
// board shows is read from visible content, and Yjs records every visible change — an inserted or
// deleted item, a key set or removed — on the nearest type that existed before the transaction
// and is not deleted (`transaction.changed`). So a card that is not reached from a changed type
// decodes exactly as it did before.

/**
 * The ids of the cards `transaction` touched (added, removed, replaced or changed anywhere inside),
 * or null when it changed anything else — meta, the cards map's list part, another root — or
 * nesting deeper than `maxDepth`: then the whole board must be decoded and checked.
 */
export function touchedCards(doc: Y.Doc, transaction: Y.Transaction, maxDepth = 16): Set<string> | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Transaction.changed is keyed by AbstractType<YEvent<any>>
  const cards = cardsMap(doc) as unknown as Y.AbstractType<Y.YEvent<any>>;
  const touched = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    if (type === cards) {
      // Keys of the cards map: cards added, removed or replaced. A null key is list content, which no board has.
      for (const key of keys) {
        if (key === null) return null;
        touched.add(key);
      }
      continue;
    }
    // Walk up to the card this type lives in (its item's parent is the cards map).
    let item = type._item;
    let depth = 0;
    while (item && item.parent !== cards) {
      if (++depth > maxDepth) return null;
      item = (item.parent as Y.AbstractType<unknown>)._item;
    }
    // A root (meta, or a foreign one) or something under one other than the cards map.
    if (!item || item.parentSub === null) return null;
    touched.add(item.parentSub);
  }
  return touched;
}

/**
 * The board after a change that touched only `touched`, given the board before it (decoded from
 * the same document before the change): the touched cards decoded again, the others kept as they
 * were, in the same order decodeBoard gives. Equal to decodeBoard(doc) whenever `before` was.
 */
export function redecodeCards(doc: Y.Doc, before: Board, touched: ReadonlySet<string>): Board {
  if (touched.size === 0) return before;
  const cards = cardsMap(doc);
  const kept: Card[] = before.cards.filter((c) => !touched.has(c.id));
  for (const id of touched) {
    // has(), not get() !== undefined: a key set to undefined is still there, and decodes as invalid.
    if (cards.has(id)) kept.push(decodeCard(id, cards.get(id)));
  }
  return { ...before, cards: kept.sort(compareCards) };
}
