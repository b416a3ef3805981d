import { z } from "zod";
import { boardSchema, crossCardProblems, describeZodError, LIMITS, type Board, type Card, type ChecklistItem } from "./schema";

// What a school's replica may not do to a board, whatever its client: the
// server decodes the board before and after an incoming update and asks this.
// The district changes templates through its own trusted path, not this one.

export type TransitionCode =
  | "invalid_board"
  | "meta_locked"
  | "template_card_deleted"
  | "template_item_deleted"
  | "field_locked"
  | "template_forged"
  | "wrong_actor"
  | "unknown_assignee";

export type TransitionResult = { ok: true } | { ok: false; code: TransitionCode; message: string };

const refuse = (code: TransitionCode, message: string): TransitionResult => ({ ok: false, code, message });

// Provenance and authorship: set once when a card or item is created. A school's own card may
// go to its recycle bin and back (archived); only the district archives its requirements.
const LOCKED_SCHOOL_CARD_FIELDS = ["origin", "templateId", "section", "createdBy"] as const;
const LOCKED_CARD_FIELDS = [...LOCKED_SCHOOL_CARD_FIELDS, "archived"] as const;
const LOCKED_ITEM_FIELDS = ["origin", "templateId", "archived"] as const;
// The district decides which of its items need evidence.
const LOCKED_TEMPLATE_ITEM_FIELDS = [...LOCKED_ITEM_FIELDS, "needsEvidence"] as const;

export interface TransitionOptions {
  /** Whatever the update creates or ticks must be in this person's name (createdBy, doneBy). */
  actorId?: string;
  /** The school's members: a person newly assigned to a card must be one of them. */
  members?: ReadonlySet<string>;
  /**
   * `before` passed boardSchema, and a card object found in both boards (the same object, ===) is
   * unchanged: only the other cards are checked against the schema, with the rules that span
   * cards checked over all of them (the collaboration server, which re-decodes only the cards an
   * update touched: docs/decisions/048).
   */
  unchangedCardsShared?: boolean;
}

/**
 * With `actorId`, also checks that whatever the update creates or ticks is in
 * the actor's name: new cards' createdBy and newly ticked items' doneBy. With
 * `members`, that everyone newly assigned belongs to the school (those already
 * assigned stay, even after they left, so that other edits to the card still pass).
 */
export function validateTransition(before: Board, after: Board, options: TransitionOptions = {}): TransitionResult {
  const invalid = boardSchemaProblems(after, options.unchangedCardsShared ? before : undefined);
  if (invalid) return refuse("invalid_board", invalid);
  if (before.templateVersion !== after.templateVersion) {
    return refuse("meta_locked", "templateVersion is set by the district");
  }
  // A card that is the same object before and after is unchanged: every rule below holds for it.
  const afterSet = new Set(after.cards);
  const kept = new Set(before.cards.filter((c) => afterSet.has(c)));
  const afterCards = new Map(after.cards.map((c) => [c.id, c]));
  for (const old of before.cards) {
    if (kept.has(old)) continue;
    const card = afterCards.get(old.id);
    if (!card) {
      if (old.origin === "template") {
        return refuse("template_card_deleted", `card ${old.id} is a district requirement`);
      }
      continue;
    }
    const locked = changedField(old, card, old.origin === "school" ? LOCKED_SCHOOL_CARD_FIELDS : LOCKED_CARD_FIELDS);
    if (locked) return refuse("field_locked", `card ${old.id}: ${locked} cannot change`);
    const items = checkItems(old, card, options.actorId);
    if (!items.ok) return items;
    const assigned = checkAssignees(old, card, options.members);
    if (!assigned.ok) return assigned;
  }
  const beforeIds = new Set(before.cards.map((c) => c.id));
  for (const card of after.cards) {
    if (kept.has(card) || beforeIds.has(card.id)) continue;
    if (card.origin !== "school") return refuse("template_forged", `new card ${card.id} claims template origin`);
    if (options.actorId !== undefined && card.createdBy !== options.actorId) {
      return refuse("wrong_actor", `new card ${card.id} must be created by ${options.actorId}`);
    }
    const items = checkItems(null, card, options.actorId);
    if (!items.ok) return items;
    const assigned = checkAssignees(null, card, options.members);
    if (!assigned.ok) return assigned;
  }
  return { ok: true };
}

/**
 * What boardSchema says of `after`, as one line, or null. With `unchangedFrom` (a board that
 * passed boardSchema), the cards that are the same objects in both are not parsed again: the
 * board's own fields and the other cards are, against the same schema, then the rules that span
 * all cards. The verdict is the whole parse's; the message lists the same problems.
 */
export function boardSchemaProblems(after: Board, unchangedFrom?: Board): string | null {
  if (!unchangedFrom || !Array.isArray(after.cards)) {
    const parsed = boardSchema.safeParse(after);
    return parsed.success ? null : describeZodError(parsed.error);
  }
  const old = new Set(unchangedFrom.cards);
  const fresh: number[] = [];
  after.cards.forEach((card, i) => old.has(card) || fresh.push(i));
  const parsed = boardSchema.safeParse({ ...after, cards: fresh.map((i) => after.cards[i]) });
  if (!parsed.success) {
    // Paths as the whole board's parse gives them: cards.<index in the board>.…
    const issues = parsed.error.issues.map((issue) =>
      issue.path[0] === "cards" && typeof issue.path[1] === "number" ? { ...issue, path: ["cards", fresh[issue.path[1]]!, ...issue.path.slice(2)] } : issue,
    );
    return describeZodError(new z.ZodError(issues));
  }
  if (after.cards.length > LIMITS.cardsPerBoard) return `cards: Too big: expected array to have <=${LIMITS.cardsPerBoard} items`;
  const spanning = crossCardProblems(after.cards);
  return spanning.length ? spanning.map((m) => `cards: ${m}`).join("; ") : null;
}

function checkAssignees(old: Card | null, card: Card, members: ReadonlySet<string> | undefined): TransitionResult {
  if (!members) return { ok: true };
  const already = new Set(old?.assignees ?? []);
  for (const id of card.assignees) {
    if (!already.has(id) && !members.has(id)) return refuse("unknown_assignee", `card ${card.id}: ${id} is not a member of this school`);
  }
  return { ok: true };
}

/** Items the update ticks (or re-stamps): the server decides their doneAt, not the client. */
export function newlyTickedItems(before: Board, after: Board): { cardId: string; itemId: string; doneAt: string | null }[] {
  const beforeCards = new Map(before.cards.map((c) => [c.id, c]));
  const out: { cardId: string; itemId: string; doneAt: string | null }[] = [];
  for (const card of after.cards) {
    const prevItems = new Map((beforeCards.get(card.id)?.checklist ?? []).map((i) => [i.id, i]));
    for (const item of card.checklist) {
      if (newlyTicked(prevItems.get(item.id), item)) out.push({ cardId: card.id, itemId: item.id, doneAt: item.doneAt });
    }
  }
  return out;
}

function checkItems(old: Card | null, card: Card, actorId: string | undefined): TransitionResult {
  const afterItems = new Map(card.checklist.map((i) => [i.id, i]));
  const beforeItems = new Map((old?.checklist ?? []).map((i) => [i.id, i]));
  for (const prev of beforeItems.values()) {
    const item = afterItems.get(prev.id);
    if (!item) {
      if (prev.origin === "template") {
        return refuse("template_item_deleted", `item ${prev.id} of card ${card.id} is a district requirement`);
      }
      continue;
    }
    const fields = prev.origin === "template" ? LOCKED_TEMPLATE_ITEM_FIELDS : LOCKED_ITEM_FIELDS;
    const locked = changedField(prev, item, fields);
    if (locked) return refuse("field_locked", `item ${prev.id} of card ${card.id}: ${locked} cannot change`);
  }
  for (const item of card.checklist) {
    const prev = beforeItems.get(item.id);
    if (!prev && item.origin !== "school") {
      return refuse("template_forged", `new item ${item.id} of card ${card.id} claims template origin`);
    }
    if (actorId !== undefined && newlyTicked(prev, item) && item.doneBy !== actorId) {
      return refuse("wrong_actor", `item ${item.id} must be ticked by ${actorId}`);
    }
  }
  return { ok: true };
}

function newlyTicked(prev: ChecklistItem | undefined, item: ChecklistItem): boolean {
  if (!item.done) return false;
  return !prev || !prev.done || prev.doneBy !== item.doneBy || prev.doneAt !== item.doneAt;
}

function changedField<T extends object>(a: T, b: T, fields: readonly (keyof T)[]): string | null {
  for (const field of fields) if (a[field] !== b[field]) return String(field);
  return null;
}
