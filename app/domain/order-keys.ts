import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/** Anything ordered by a fractional key; `id` breaks ties so every replica sorts alike. */
export type Positioned = { id: string; position: string };

// Keys only grow under thousands of inserts at one spot; a longer one is abuse.
export const MAX_ORDER_KEY_LENGTH = 1000;

// Plain code-unit comparison, never localeCompare: fractional keys are ordered bytewise.
export function comparePositioned(a: Positioned, b: Positioned): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export function sortByPosition<T extends Positioned>(items: readonly T[]): T[] {
  return [...items].sort(comparePositioned);
}

export function isValidOrderKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_ORDER_KEY_LENGTH) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

export function initialKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

/**
 * The key that puts a new item at `index` of `sorted` (which must not contain
 * the item itself). Concurrent inserts can leave two siblings with the same
 * key, and no key lies strictly between equals, so a tied run at the insertion
 * point is spread out again: `rekeyed` lists the siblings whose key must change.
 */
export function positionAt(
  sorted: readonly Positioned[],
  index: number,
): { position: string; rekeyed: Positioned[] } {
  const before = sorted[index - 1]?.position ?? null;
  const after = sorted[index]?.position ?? null;
  if (before === null || after === null || before < after) {
    return { position: generateKeyBetween(before, after), rekeyed: [] };
  }
  let lo = index - 1;
  while (lo > 0 && sorted[lo - 1]!.position === before) lo--;
  let hi = index;
  while (hi < sorted.length - 1 && sorted[hi + 1]!.position === before) hi++;
  const lower = sorted[lo - 1]?.position ?? null;
  const upper = sorted[hi + 1]?.position ?? null;
  const keys = generateNKeysBetween(lower, upper, hi - lo + 2);
  const rekeyed: Positioned[] = [];
  let k = 0;
  for (let i = lo; i <= hi; i++) {
    if (i === index) k++; // the new item's slot
    rekeyed.push({ id: sorted[i]!.id, position: keys[k++]! });
  }
  return { position: keys[index - lo]!, rekeyed };
}
