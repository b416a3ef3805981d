import * as Y from "yjs";
import { BOARD_ROOTS, CARD_KEYS, ITEM_KEYS, META_KEYS, cardsMap, metaMap } from "./board-doc";
import { comparePositioned } from "./order-keys";
import { boardSchema, describeZodError, type Board, type Card, type ChecklistItem } from "./schema";
import { STATUSES } from "./vocabulary";

// Decoding never throws and never validates: whatever a replica wrote is
// carried into the plain object, so that boardSchema (run by readBoard and by
// the server) is the one place that decides what is acceptable. A value of the
// wrong Yjs kind decodes to a marker object that no field schema accepts, and
// unknown keys are carried through so that the strict schemas refuse them.

type Marker = { expected: string };
const wrongKind = (expected: string): never => ({ expected }) satisfies Marker as never;

function text(value: unknown): string {
  return value instanceof Y.Text ? value.toString() : wrongKind("Y.Text");
}

function stringArray(value: unknown): string[] {
  return value instanceof Y.Array ? (value.toArray() as string[]) : wrongKind("Y.Array");
}

function unique<T>(values: T[]): T[] {
  return Array.isArray(values) ? [...new Set(values)] : values;
}

// Arrays stored as plain values are shared with Yjs's own content: copy them.
function plain<T>(value: unknown): T {
  if (value instanceof Y.AbstractType) return wrongKind("a plain JSON value");
  return (Array.isArray(value) ? [...value] : value) as T;
}

// An unknown key is carried as a marker, never walked: a hostile replica can nest a shared type
// thousands deep under one, and toJSON() on it would overflow the stack. The strict schemas refuse
// the key whatever it holds.
function extras(map: Y.Map<unknown>, known: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) {
    if (!known.includes(key)) out[key] = value instanceof Y.AbstractType ? wrongKind("no shared type under an unknown key") : value;
  }
  return out;
}

function storedId(map: Y.Map<unknown>, key: string): string {
  return map.get("id") === key ? key : wrongKind(`id equal to its map key "${key}"`);
}

function decodeItem(key: string, value: unknown): ChecklistItem {
  if (!(value instanceof Y.Map)) return wrongKind("Y.Map");
  const m = value as Y.Map<unknown>;
  return {
    ...extras(m, ITEM_KEYS),
    id: storedId(m, key),
    text: text(m.get("text")),
    done: plain(m.get("done")),
    doneBy: plain(m.get("doneBy")),
    doneAt: plain(m.get("doneAt")),
    position: plain(m.get("position")),
    origin: plain(m.get("origin")),
    templateId: plain(m.get("templateId")),
    needsEvidence: plain(m.get("needsEvidence")),
    archived: plain(m.get("archived")),
  };
}

function decodeChecklist(value: unknown): ChecklistItem[] {
  if (!(value instanceof Y.Map)) return wrongKind("Y.Map");
  const items = [...(value as Y.Map<unknown>).entries()].map(([key, v]) => decodeItem(key, v));
  return items.sort(comparePositioned);
}

export function decodeCard(key: string, value: unknown): Card {
  if (!(value instanceof Y.Map)) return wrongKind("Y.Map");
  const m = value as Y.Map<unknown>;
  return {
    ...extras(m, CARD_KEYS),
    id: storedId(m, key),
    title: text(m.get("title")),
    description: text(m.get("description")),
    category: plain(m.get("category")),
    criteria: plain(m.get("criteria")),
    dueDate: plain(m.get("dueDate")),
    // Two replicas assigning the same person at once leave it twice in the
    // Y.Array; it is a set, so read it as one rather than refuse the merge.
    assignees: unique(stringArray(m.get("assignees"))),
    status: plain(m.get("status")),
    position: plain(m.get("position")),
    origin: plain(m.get("origin")),
    templateId: plain(m.get("templateId")),
    section: plain(m.get("section")),
    createdBy: plain(m.get("createdBy")),
    archived: plain(m.get("archived")),
    checklist: decodeChecklist(m.get("checklist")),
  };
}

// Column, then position, then id: a natural reading order, the same on every replica.
export function compareCards(a: Card, b: Card): number {
  const column = (c: Card) => {
    const i = STATUSES.indexOf(c.status);
    return i === -1 ? STATUSES.length : i;
  };
  return column(a) - column(b) || comparePositioned(a, b);
}

/** The board as plain data, without validation: for rendering what is there. */
export function decodeBoard(doc: Y.Doc): Board {
  const meta = metaMap(doc);
  const board: Board = {
    ...extras(meta, META_KEYS),
    schemaVersion: plain(meta.get("schemaVersion")),
    columns: stringArray(meta.get("columns")) as Board["columns"],
    cards: [...cardsMap(doc).entries()].map(([key, v]) => decodeCard(key, v)).sort(compareCards),
  };
  if (meta.has("templateVersion")) board.templateVersion = plain(meta.get("templateVersion"));
  return board;
}

/**
 * Root types other than meta and cards that hold content. An update can
 * create any root name, and the decoded board would never show it.
 */
export function foreignRoots(doc: Y.Doc): string[] {
  const names: string[] = [];
  for (const [name, type] of doc.share) {
    if (!BOARD_ROOTS.includes(name) && (type._start !== null || type._map.size > 0)) names.push(name);
  }
  return names;
}

export type ReadBoardResult = { ok: true; board: Board } | { ok: false; error: string };

/** The board, validated: what the server and any careful reader should use. */
export function readBoard(doc: Y.Doc): ReadBoardResult {
  const foreign = foreignRoots(doc);
  if (foreign.length > 0) return { ok: false, error: `unexpected root types: ${foreign.join(", ")}` };
  const parsed = boardSchema.safeParse(decodeBoard(doc));
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  return { ok: true, board: parsed.data };
}
