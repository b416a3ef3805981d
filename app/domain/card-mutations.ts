import * as Y from "yjs";
import { z } from "zod/mini";
import { cardsMap, insertCard } from "./board-doc";
import { DomainError } from "./errors";
import { newId } from "./ids";
import { positionAt } from "./order-keys";
import {
  isAt,
  liveSiblings,
  parseInput,
  placeAt,
  replaceText,
  requireCard,
  requireInitialised,
  textOf,
} from "./mutation-helpers";
import {
  LIMITS,
  categorySchema,
  descriptionSchema,
  dueDateSchema,
  idSchema,
  statusSchema,
  titleSchema,
} from "./schema";
import { applyTyping } from "./text-typing";
import { CRITERIA, normaliseCriteria, type Category, type Criterion, type Status } from "./vocabulary";

// Inputs are parsed here as well as typed: they come from forms and JSON as
// often as from code, and a refused input must never leave a half-written doc.
const criteriaInput = z.pipe(z.array(z.enum(CRITERIA)), z.transform((xs: Criterion[]) => normaliseCriteria(xs)));
const trimmedTitle = z.pipe(titleSchema, z.transform((s: string) => s.trim()));

export type AddCardInput = {
  title: string;
  description?: string;
  category: Category;
  criteria?: readonly Criterion[];
  dueDate?: string | null;
  status?: Status;
  createdBy: string;
};

const addCardInput = z.object({
  title: trimmedTitle,
  description: z._default(descriptionSchema, ""),
  category: categorySchema,
  criteria: z._default(criteriaInput, []),
  dueDate: z._default(dueDateSchema, null),
  status: z._default(statusSchema, "planned"),
  createdBy: idSchema,
});

export type CardPatch = {
  title?: string;
  description?: string;
  category?: Category;
  criteria?: readonly Criterion[];
  dueDate?: string | null;
};

const cardPatch = z.strictObject({
  title: z.optional(trimmedTitle),
  description: z.optional(descriptionSchema),
  category: z.optional(categorySchema),
  criteria: z.optional(criteriaInput),
  dueDate: z.optional(dueDateSchema),
});

const toIndexSchema = z.number().check(z.int(), z.nonnegative());

function columnSiblings(doc: Y.Doc, status: Status, exceptId?: string) {
  const inColumn = [...cardsMap(doc).values()].filter((c) => c.get("status") === status);
  return liveSiblings(inColumn, exceptId);
}

/** A school's own card, appended to the end of its column. */
export function addCard(doc: Y.Doc, input: AddCardInput): string {
  const data = parseInput(addCardInput, input);
  requireInitialised(doc);
  if (cardsMap(doc).size >= LIMITS.cardsPerBoard) {
    throw new DomainError("invalid_input", `a board holds at most ${LIMITS.cardsPerBoard} cards`);
  }
  const id = newId("card");
  doc.transact(() => {
    const siblings = columnSiblings(doc, data.status);
    // The end of a column is never a tie, so nothing else needs re-keying.
    const { position } = positionAt(siblings, siblings.length);
    insertCard(doc, { id, ...data, position, origin: "school", templateId: null, section: null });
  });
  return id;
}

/** Changes only the fields given, and within texts only the span that differs. */
export function editCard(doc: Y.Doc, cardId: string, patch: CardPatch): void {
  const data = parseInput(cardPatch, patch);
  const card = requireCard(doc, cardId);
  doc.transact(() => {
    if (data.title !== undefined) replaceText(textOf(card, "title"), data.title);
    if (data.description !== undefined) replaceText(textOf(card, "description"), data.description);
    if (data.category !== undefined && card.get("category") !== data.category) {
      card.set("category", data.category);
    }
    if (data.criteria !== undefined && !sameList(card.get("criteria"), data.criteria)) {
      card.set("criteria", data.criteria);
    }
    if (data.dueDate !== undefined && card.get("dueDate") !== data.dueDate) {
      card.set("dueDate", data.dueDate);
    }
  });
}

function sameList(stored: unknown, next: readonly string[]): boolean {
  return Array.isArray(stored) && stored.length === next.length && stored.every((v, i) => v === next[i]);
}

/**
 * Puts the card at `toIndex` among the live cards of `toStatus` as they are
 * without it (default: the end). Status and position are always written
 * together, so concurrent moves of one card resolve to one whole move.
 */
export function moveCard(doc: Y.Doc, cardId: string, toStatus: Status, toIndex?: number): void {
  const status = parseInput(statusSchema, toStatus);
  const index = toIndex === undefined ? undefined : parseInput(toIndexSchema, toIndex);
  const card = requireCard(doc, cardId);
  const siblings = columnSiblings(doc, status, cardId);
  const at = index ?? siblings.length;
  if (card.get("status") === status && isAt(siblings, at, card.get("position"))) return;
  doc.transact(() => {
    card.set("status", status);
    placeAt(siblings, at, (sid) => cardsMap(doc).get(sid), card);
  });
}

export type CardTextField = "title" | "description";
const typedSchemas = { title: titleSchema, description: descriptionSchema } as const;

/**
 * One keystroke's worth of change to a card's title or description, typed in a field that showed
 * `base`: applied where it belongs in the current text (see text-typing.ts). Returns the text now
 * stored. A blank title is refused, not stored; trailing spaces are kept while typing.
 */
export function typeCardText(doc: Y.Doc, cardId: string, field: CardTextField, base: string, next: string): string {
  const card = requireCard(doc, cardId);
  return applyTyping(textOf(card, field), base, next, typedSchemas[field]);
}

function requireOwnSchoolCard(doc: Y.Doc, cardId: string, byUserId: string | undefined) {
  const card = requireCard(doc, cardId, { allowArchived: true });
  if (card.get("origin") !== "school") {
    throw new DomainError("template_card", "district requirements cannot be deleted");
  }
  if (byUserId !== undefined && card.get("createdBy") !== byUserId) {
    throw new DomainError("not_creator", "only the card's creator may delete it");
  }
  return card;
}

/**
 * Moves a school's own card to the recycle bin: it is archived (hidden everywhere a live card
 * shows) and can be restored. District requirements (template cards) are never deleted. With
 * `byUserId`, only the card's creator may delete it: a caller passes it for roles limited to
 * their own cards and omits it otherwise.
 */
export function deleteCard(doc: Y.Doc, cardId: string, options: { byUserId?: string } = {}): void {
  const card = requireOwnSchoolCard(doc, cardId, options.byUserId);
  if (card.get("archived") !== true) doc.transact(() => card.set("archived", true));
}

/** Takes a school card back out of the recycle bin, where it was in its column. */
export function restoreCard(doc: Y.Doc, cardId: string): void {
  const card = requireOwnSchoolCard(doc, cardId, undefined);
  if (card.get("archived") === true) doc.transact(() => card.set("archived", false));
}

/** Removes a card in the recycle bin for good. */
export function purgeCard(doc: Y.Doc, cardId: string, options: { byUserId?: string } = {}): void {
  const card = requireOwnSchoolCard(doc, cardId, options.byUserId);
  if (card.get("archived") !== true) throw new DomainError("invalid_input", "only a card in the recycle bin can be removed for good");
  doc.transact(() => cardsMap(doc).delete(cardId));
}

/**
 * Makes the assignees exactly `userIds`, touching only the entries that
 * change, so concurrent assignments of different people both survive.
 */
export function assignCard(doc: Y.Doc, cardId: string, userIds: readonly string[]): void {
  const wanted = [...new Set(parseInput(z.array(idSchema).check(z.maxLength(LIMITS.assignees)), userIds))];
  const card = requireCard(doc, cardId);
  const assignees = card.get("assignees");
  if (!(assignees instanceof Y.Array)) throw new DomainError("invalid_input", "assignees is not a Y.Array");
  doc.transact(() => {
    const seen = new Set<string>();
    const current = assignees.toArray() as unknown[];
    // From the end, so earlier indexes stay valid; duplicates from concurrent adds go too.
    for (let i = current.length - 1; i >= 0; i--) {
      const id = current[i];
      const duplicate = current.indexOf(id) !== i;
      if (duplicate || typeof id !== "string" || !wanted.includes(id)) assignees.delete(i, 1);
      else seen.add(id);
    }
    const missing = wanted.filter((id) => !seen.has(id));
    if (missing.length > 0) assignees.push(missing);
  });
}
