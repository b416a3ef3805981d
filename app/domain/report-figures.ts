import { rewordedFrom, type Originals } from "./original-words";
import { liveItems } from "./ordering";
import { sortByPosition } from "./order-keys";
import { boardProgress, cardProgress } from "./progress";
import type { Board } from "./schema";
import { CATEGORIES, CRITERIA, STATUSES, type Category, type Criterion, type Status } from "./vocabulary";

// The board's own figures as a report states them, counted the way the overview counts
// (boardProgress / cardProgress), so the report and the overview never disagree.

const pct = (done: number, total: number) => (total > 0 ? Math.round((done / total) * 1000) / 10 : null);

/** `original`: the district's own words where the school reworded a requirement (null otherwise). */
export type DoneItem = { id: string; text: string; doneAt: string; doneBy: string | null; original: string | null };
export type WorkCard = { id: string; title: string; original: string | null; status: Status; category: Category; done: number; total: number; items: DoneItem[] };

export type ReportFigures = {
  progress: { done: number; total: number; percent: number | null };
  cards: Record<Status, number> & { total: number };
  criteria: { criterion: Criterion; target: number | null; done: number; total: number; percent: number | null; reached: boolean | null }[];
  categories: { category: Category; cards: number; cardsDone: number; done: number; total: number; percent: number | null }[];
  /** Cards with something done, by category, with their ticked items (date and who). */
  work: WorkCard[];
};

export function reportFigures(board: Board, targets: Partial<Record<Criterion, number>>, originals: Originals = {}): ReportFigures {
  const cards = board.cards.filter((c) => !c.archived);
  const progress = boardProgress(board);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, cards.filter((c) => c.status === s).length])) as Record<Status, number>;
  const criteria = CRITERIA.map((criterion) => {
    const serving = cards.filter((c) => c.criteria.includes(criterion)).map(cardProgress);
    const done = serving.reduce((n, p) => n + p.done, 0);
    const total = serving.reduce((n, p) => n + p.total, 0);
    const target = targets[criterion] ?? null;
    const percent = pct(done, total);
    return { criterion, target, done, total, percent, reached: target === null ? null : (percent ?? 0) >= target };
  });
  const categories = CATEGORIES.map((category) => {
    const own = cards.filter((c) => c.category === category);
    const ps = own.map(cardProgress);
    const done = ps.reduce((n, p) => n + p.done, 0);
    const total = ps.reduce((n, p) => n + p.total, 0);
    return { category, cards: own.length, cardsDone: own.filter((c) => c.status === "done").length, done, total, percent: pct(done, total) };
  }).filter((c) => c.cards > 0);
  const work = CATEGORIES.flatMap((category) =>
    sortByPosition(cards.filter((c) => c.category === category)).flatMap((card) => {
      // A reworded district requirement keeps its original beside it: the office never reads it as the original.
      const reworded = rewordedFrom(card, originals);
      const originalOf = (itemId: string) => reworded?.items.find((r) => r.id === itemId)?.original ?? null;
      const items = liveItems(card)
        .filter((i) => i.done && i.doneAt)
        .map((i) => ({ id: i.id, text: i.text, doneAt: i.doneAt!, doneBy: i.doneBy, original: originalOf(i.id) }));
      const p = cardProgress(card);
      return card.status === "done" || items.length
        ? [{ id: card.id, title: card.title, original: reworded?.title ?? null, status: card.status, category, done: p.done, total: p.total, items }]
        : [];
    }),
  );
  return { progress: { ...progress, percent: pct(progress.done, progress.total) }, cards: { ...byStatus, total: cards.length }, criteria, categories, work };
}
