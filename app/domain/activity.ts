import type { Board, Card } from "./schema";
import type { Status } from "./vocabulary";

/**
 * Activity: what changed on a board, derived from the board before and after an accepted update.
 * The server calls this with its own two decoded boards, never with anything a client claims
 * (docs/decisions/040-activity.md).
 */
export const ACTIVITY_KINDS = [
  "card.created",
  "card.deleted",
  "card.moved",
  "card.renamed",
  "card.described",
  "card.due",
  "card.assigned",
  "item.ticked",
  "item.unticked",
  "item.added",
  "item.removed",
  "item.renamed",
  "comment.added",
  "template.merged",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type ActivityDetail = {
  /** The card's title after the change (before it, for a deletion). */
  card?: string;
  item?: string;
  from?: string | null;
  to?: string | null;
  added?: string[];
  removed?: string[];
  cards?: number;
};

export interface ActivityChange {
  kind: ActivityKind;
  cardId: string | null;
  itemId: string | null;
  detail: ActivityDetail;
}

/** Text edits arrive keystroke by keystroke: entries of these kinds by one person on one target are merged. */
export const COALESCED_KINDS: readonly ActivityKind[] = ["card.renamed", "card.described", "item.renamed"];

const live = (cards: Card[]) => new Map(cards.filter((c) => !c.archived).map((c) => [c.id, c]));

/** Everything a person did between two boards, card by card, in board order. */
export function diffBoards(before: Board, after: Board): ActivityChange[] {
  const out: ActivityChange[] = [];
  const was = live(before.cards);
  const now = live(after.cards);
  for (const [id, card] of now) {
    const old = was.get(id);
    if (!old) {
      out.push({ kind: "card.created", cardId: id, itemId: null, detail: { card: card.title, to: card.status } });
      continue;
    }
    out.push(...diffCard(old, card));
  }
  for (const [id, old] of was) {
    if (!now.has(id)) out.push({ kind: "card.deleted", cardId: id, itemId: null, detail: { card: old.title } });
  }
  return out;
}

function diffCard(old: Card, card: Card): ActivityChange[] {
  const out: ActivityChange[] = [];
  const at = (kind: ActivityKind, detail: ActivityDetail, itemId: string | null = null) =>
    out.push({ kind, cardId: card.id, itemId, detail: { card: card.title, ...detail } });
  if (old.title !== card.title) at("card.renamed", { from: old.title, to: card.title });
  if (old.status !== card.status) at("card.moved", { from: old.status, to: card.status satisfies Status });
  if (old.description !== card.description) at("card.described", {});
  if (old.dueDate !== card.dueDate) at("card.due", { from: old.dueDate, to: card.dueDate });
  const added = card.assignees.filter((a) => !old.assignees.includes(a));
  const removed = old.assignees.filter((a) => !card.assignees.includes(a));
  if (added.length || removed.length) at("card.assigned", { added, removed });

  const items = new Map(old.checklist.filter((i) => !i.archived).map((i) => [i.id, i]));
  const kept = new Set<string>();
  for (const item of card.checklist) {
    if (item.archived) continue;
    kept.add(item.id);
    const prev = items.get(item.id);
    if (!prev) {
      at("item.added", { item: item.text }, item.id);
      if (item.done) at("item.ticked", { item: item.text }, item.id);
      continue;
    }
    if (prev.text !== item.text) at("item.renamed", { item: item.text, from: prev.text, to: item.text }, item.id);
    if (prev.done !== item.done) at(item.done ? "item.ticked" : "item.unticked", { item: item.text }, item.id);
  }
  for (const [id, prev] of items) if (!kept.has(id)) at("item.removed", { item: prev.text }, id);
  return out;
}

/** A district template merge touches many cards at once: one entry says so instead of hundreds. */
export function mergeSummary(before: Board, after: Board): ActivityChange | null {
  const changed = diffBoards(before, after);
  if (changed.length === 0) return null;
  return { kind: "template.merged", cardId: null, itemId: null, detail: { cards: new Set(changed.map((c) => c.cardId)).size } };
}

/** Cards done by this change (for the card.done webhook) and items ticked (item.ticked). */
export function doneCards(changes: ActivityChange[]): ActivityChange[] {
  return changes.filter((c) => (c.kind === "card.moved" && c.detail.to === "done") || (c.kind === "card.created" && c.detail.to === "done"));
}
