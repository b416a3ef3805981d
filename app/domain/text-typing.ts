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

/** What `current` becomes when this person's change from `base` to `next` is applied to it. */
export function rebase(base: string, next: string, current: string): { text: string; splice: Splice } {
  const mine = diffSpan(base, next);
  if (base === current) return { text: next, splice: mine };
  const from = mapIndex(mine.start, base, current, "before");
  const to = Math.max(from, mapIndex(mine.start + mine.removed, base, current, "before"));
  const splice = { start: from, removed: to - from, inserted: mine.inserted };
  return { text: current.slice(0, from) + mine.inserted + current.slice(to), splice };
}

/**
 * Applies a typed change to `text` and returns the text it now holds. The result is checked with
 * `schema` first, so a refused input (too long, a blank title) leaves the document untouched.
 */
export function applyTyping(text: Y.Text, base: string, next: string, schema: z.core.$ZodType<string>): string {
  const { text: result, splice } = rebase(base, next, text.toString());
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

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
