import { z } from "zod/mini";
import { CRITERIA, STATUSES, type Card, type Criterion } from "~/domain";
import type { ColumnIds } from "./drag-logic";
import type { CardSummary } from "./board-view-model";

// The board's filters live in the URL (?mine=1&criterion=xanh&overdue=1&q=cây), so a filtered
// board can be bookmarked, shared and survives a reload. Parsed with zod like any other input:
// an unknown value is ignored, never an error page.

export type BoardFilter = { mine: boolean; criterion: Criterion | null; overdue: boolean; q: string };

const flag = z.pipe(
  z.transform((v) => v === "1"),
  z.boolean(),
);
const filterSchema = z.object({
  mine: z.catch(flag, false),
  criterion: z.catch(z.nullable(z.enum(CRITERIA)), null),
  overdue: z.catch(flag, false),
  q: z.pipe(
    z.catch(z.string().check(z.maxLength(100)), ""),
    z.transform((s: string) => s.trim()),
  ),
});

export function readFilter(params: URLSearchParams): BoardFilter {
  return filterSchema.parse({
    mine: params.get("mine"),
    criterion: params.get("criterion"),
    overdue: params.get("overdue"),
    q: params.get("q") ?? "",
  });
}

/** The URL's query with `patch` applied; other parameters (e.g. a campaign choice) are kept. */
export function writeFilter(params: URLSearchParams, patch: Partial<BoardFilter>): URLSearchParams {
  const next = new URLSearchParams(params);
  const merged = { ...readFilter(params), ...patch };
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set("mine", merged.mine ? "1" : null);
  set("criterion", merged.criterion);
  set("overdue", merged.overdue ? "1" : null);
  set("q", merged.q.trim() || null);
  return next;
}

export const isFiltering = (f: BoardFilter) => f.mine || f.criterion !== null || f.overdue || f.q !== "";

// Vietnamese is searched without its marks too: "cay xanh" finds "Trồng cây xanh".
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();

export function matchesFilter(summary: CardSummary, filter: BoardFilter, userId: string): boolean {
  const { card } = summary;
  if (filter.mine && !card.assignees.includes(userId) && card.createdBy !== userId) return false;
  if (filter.criterion && !card.criteria.includes(filter.criterion)) return false;
  if (filter.overdue && !summary.overdue) return false;
  if (filter.q && !fold(searchText(card)).includes(fold(filter.q))) return false;
  return true;
}

const searchText = (card: Card) => [card.title, card.description, ...card.checklist.filter((i) => !i.archived).map((i) => i.text)].join("\n");

export function filterColumns(ids: ColumnIds, keep: (id: string) => boolean): ColumnIds {
  return Object.fromEntries(STATUSES.map((s) => [s, ids[s].filter(keep)])) as ColumnIds;
}

/**
 * A drop's index among the shown (filtered) cards of a column, as an index among all its cards —
 * what the domain's moveCard takes. The card goes just before the shown card it was dropped in
 * front of, or just after the last shown card.
 */
export function fullIndex(allIds: readonly string[], shownIds: readonly string[], activeId: string, shownIndex: number): number {
  const all = allIds.filter((id) => id !== activeId);
  const shown = shownIds.filter((id) => id !== activeId);
  if (shown.length === 0) return all.length;
  if (shownIndex < shown.length) return all.indexOf(shown[shownIndex]!);
  return all.indexOf(shown[shown.length - 1]!) + 1;
}
