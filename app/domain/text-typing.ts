import type * as Y from "yjs";
import { z } from "zod/mini";
import { DomainError } from "./errors";
import { describeZodError } from "./schema";

// Live typing into a shared Y.Text. A field shows `base` (what it last rendered) and the person
// turns it into `next`; meanwhile someone else's edit may already have reached the document. We
// apply only this person's change, at the place it maps to in the current text, so both edits
// survive character by character — never "make the text equal to what my field shows".

export type Splice = { start: number; removed: number; inserted: string };

/** The one span that differs between two strings (common prefix and suffix kept). */
export function diffSpan(prev: string, next: string): Splice {
  let start = 0;
  const shortest = Math.min(prev.length, next.length);
  while (start < shortest && prev[start] === next[start]) start++;
  // Never split a surrogate pair: Y.Text counts UTF-16 code units.
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shortest - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  if (end > 0 && isLow(prev.charCodeAt(prev.length - end))) end--;
  return { start, removed: prev.length - start - end, inserted: next.slice(start, next.length - end) };
}

/**
 * Where index `i` of `prev` is in `next` (a caret, or the edge of a selection): before the
 * changed span it stays, after it it shifts by the length difference, inside it goes to the
 * span's end. `sticky` "before" keeps an index at the span's start where it was (an insertion
 * exactly at the caret lands after the caret's owner, as in every shared editor).
 */
export function mapIndex(i: number, prev: string, next: string, sticky: "before" | "after" = "after"): number {
  if (prev === next) return i;
  const { start, removed, inserted } = diffSpan(prev, next);
  if (i < start || (i === start && sticky === "before")) return i;
  if (i >= start + removed) return i + inserted.length - removed;
  return start + inserted.length;
}

/** Maps an index of `base` to the current text, where the change from one to the other is known. */
export type IndexMap = (i: number, sticky: "before" | "after") => number;

/**
 * What `current` becomes when this person's change from `base` to `next` is applied to it.
 * `map` carries an index of `base` through the changes actually made since (see `historyOf`);
 * without it the change between `base` and `current` is read as one span, which is exact while
 * one other person types and can misplace a character when edits on both sides of mine arrive
 * together.
 */
export function rebase(base: string, next: string, current: string, map?: IndexMap): { text: string; splice: Splice } {
  const mine = diffSpan(base, next);
  if (base === current) return { text: next, splice: mine };
  const at = map ?? ((i: number, sticky: "before" | "after") => mapIndex(i, base, current, sticky));
  const from = at(mine.start, "before");
  const to = Math.max(from, at(mine.start + mine.removed, "before"));
  const splice = { start: from, removed: to - from, inserted: mine.inserted };
  return { text: current.slice(0, from) + mine.inserted + current.slice(to), splice };
}

/**
 * Applies a typed change to `text` and returns the text it now holds. The result is checked with
 * `schema` first, so a refused input (too long, a blank title) leaves the document untouched.
 */
export function applyTyping(text: Y.Text, base: string, next: string, schema: z.core.$ZodType<string>): string {
  // Followed from the first keystroke on, so the changes before the next one are known.
  const history = historyOf(text);
  const current = text.toString();
  const { text: result, splice } = rebase(base, next, current, base === current ? undefined : history.since(base));
  const parsed = z.safeParse(schema, result);
  if (!parsed.success) throw new DomainError("invalid_input", describeZodError(parsed.error));
  if (splice.removed === 0 && splice.inserted.length === 0) return result;
  const doc = text.doc;
  const write = () => {
    if (splice.removed > 0) text.delete(splice.start, splice.removed);
    if (splice.inserted.length > 0) text.insert(splice.start, splice.inserted);
  };
  if (doc) doc.transact(write);
  else write();
  return result;
}

// ── The changes a shared text went through, to rebase a keystroke exactly ──
// A field may show a text a few changes old. Each change's Yjs delta says precisely where text
// went in and out, so an index of the text the field showed is carried through every change made
// since, however many people typed where. Kept per Y.Text from the first keystroke into it, the
// last HISTORY changes only; a base older than that falls back to the one-span reading.

type Delta = { insert?: unknown; retain?: number; delete?: number }[];
type History = { states: string[]; deltas: Delta[]; since(base: string): IndexMap | undefined };

const HISTORY = 64;
const histories = new WeakMap<Y.Text, History>();

function historyOf(text: Y.Text): History {
  const known = histories.get(text);
  if (known) return known;
  // states[k] is the text before deltas[k]; the last state is the text now.
  const history: History = {
    states: [text.toString()],
    deltas: [],
    since(base) {
      const k = history.states.lastIndexOf(base);
      if (k < 0) return undefined;
      const steps = history.deltas.slice(k);
      return (i, sticky) => steps.reduce((at, delta) => mapThroughDelta(at, delta, sticky), i);
    },
  };
  text.observe((event) => {
    history.deltas.push(event.delta as Delta);
    history.states.push(text.toString());
    if (history.deltas.length > HISTORY) {
      history.deltas.shift();
      history.states.shift();
    }
  });
  histories.set(text, history);
  return history;
}

/**
 * Where index `i` of a text is after one change (a Yjs delta of retains, inserts and deletes): it
 * moves right over what was inserted before it, left over what was deleted before it, and to the
 * deletion's place when it was inside deleted text. At an insertion exactly at `i`, "before" stays
 * in front of it.
 */
export function mapThroughDelta(i: number, delta: Delta, sticky: "before" | "after"): number {
  let pos = 0;
  let shift = 0;
  for (const op of delta) {
    if (pos > i) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.delete !== undefined) {
      shift -= Math.max(0, Math.min(i, pos + op.delete) - pos);
      pos += op.delete;
    } else if (op.insert !== undefined && (pos < i || (pos === i && sticky === "after"))) {
      shift += typeof op.insert === "string" ? op.insert.length : 1;
    }
  }
  return i + shift;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
