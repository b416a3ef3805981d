import type { PrismaClient } from "@prisma/client";
import type { OverviewFilters } from "~/features/overview/filters";
import { inJsonArray, listHas, SQL, sqlDate } from "./sql.server";

// The overview's per-board pass over CardRow (overdue cards, items expected by today, and with
// card filters the counts of the matching cards), kept per process between requests and brought
// up to date at each request from BoardStat.updatedAt, which every projection of a board sets in
// the transaction that rewrites its card rows. At 50,000 schools the full pass reads ~1.3 million
// card rows (0.35–0.9 s on PostgreSQL, bench/overview/pg.ts); a request re-reads only the boards
// projected since the last one (docs/decisions/047).

export type CardAgg = { d: number; t: number; p: number; ip: number; dn: number; overdue: number; expected: number };

type Entry = { aggs: Map<string, CardAgg>; watermark: number; builtAt: number };

/** Boards projected in the last minute are read again at each request: commits land out of order, instances' clocks differ. */
const SKEW_MS = 60_000;
/** A full pass at least this often, whatever happened (a clock off by more than SKEW_MS heals). */
const FULL_EVERY_MS = 10 * 60_000;
/** More boards changed than this since the last request (a launch, a publish): one full pass instead. */
const INCREMENTAL_MAX = 2_000;
const MAX_ENTRIES = 32;

const g = globalThis as unknown as { __overviewFigures?: Map<string, Entry> };
const entries = () => (g.__overviewFigures ??= new Map());

type Row = { boardId: string; d?: unknown; t?: unknown; p?: unknown; ip?: unknown; dn?: unknown; overdue: unknown; expected: unknown };
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const toAgg = (r: Row): CardAgg => ({ d: n(r.d), t: n(r.t), p: n(r.p), ip: n(r.ip), dn: n(r.dn), overdue: n(r.overdue), expected: n(r.expected) });
const time = (v: unknown) => (v === null || v === undefined ? 0 : new Date(v as string | Date).getTime());

export type FigureQuery = { campaignId: string; filters: OverviewFilters; today: string; lastDay: string; schoolId?: string };

/** The campaign's card rows that the filters keep (and, given, only those of `boards`). */
export function cardWhere(q: Pick<FigureQuery, "campaignId" | "filters" | "schoolId">, boards?: string[]) {
  const { filters } = q;
  return SQL.sql`WHERE "campaignId" = ${q.campaignId}
    ${q.schoolId ? SQL.sql`AND "schoolId" = ${q.schoolId}` : SQL.empty}
    ${boards ? SQL.sql`AND "boardId" IN (${inJsonArray(boards)})` : SQL.empty}
    ${filters.category ? SQL.sql`AND "category" = ${filters.category}` : SQL.empty}
    ${filters.criterion ? SQL.sql`AND ${listHas(SQL.sql`"criteria"`, filters.criterion)}` : SQL.empty}`;
}

/**
 * The pass itself. Without card filters, BoardStat has the counts, so only the date-dependent
 * figures are summed, and only cards already due can contribute to them.
 */
async function aggregate(db: PrismaClient, q: FigureQuery, boards?: string[]): Promise<Row[]> {
  const { today, lastDay } = q;
  if (q.filters.category || q.filters.criterion) {
    return db.$queryRaw<Row[]>`
      SELECT "boardId", SUM("itemsDone") AS d, SUM("itemsTotal") AS t,
        SUM(CASE WHEN "status" = 'planned' THEN 1 ELSE 0 END) AS p,
        SUM(CASE WHEN "status" = 'in_progress' THEN 1 ELSE 0 END) AS ip,
        SUM(CASE WHEN "status" = 'done' THEN 1 ELSE 0 END) AS dn,
        SUM(CASE WHEN "status" <> 'done' AND "dueDate" IS NOT NULL AND "dueDate" < ${today} THEN 1 ELSE 0 END) AS overdue,
        SUM(CASE WHEN COALESCE("dueDate", ${lastDay}) < ${today} THEN "itemsTotal" ELSE 0 END) AS expected
      FROM "CardRow" ${cardWhere(q, boards)}
      GROUP BY "boardId"`;
  }
  return db.$queryRaw<Row[]>`
    SELECT "boardId", SUM(CASE WHEN "status" <> 'done' AND "dueDate" IS NOT NULL THEN 1 ELSE 0 END) AS overdue, SUM("itemsTotal") AS expected
    FROM "CardRow" ${cardWhere(q, boards)} AND COALESCE("dueDate", ${lastDay}) < ${today}
    GROUP BY "boardId"`;
}

async function newest(db: PrismaClient, campaignId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ m: unknown }[]>`SELECT MAX("updatedAt") AS m FROM "BoardStat" WHERE "campaignId" = ${campaignId}`;
  return time(row?.m);
}

/** Per board (by id), the figures of its cards that the overview's lines need. A board with no matching card has no entry. */
export async function cardFigures(db: PrismaClient, q: FigureQuery): Promise<Map<string, CardAgg>> {
  // One school (a principal's own line) is a small query: not kept.
  if (q.schoolId) return new Map((await aggregate(db, q)).map((r) => [r.boardId, toAgg(r)]));
  const key = JSON.stringify([q.campaignId, q.today, q.lastDay, q.filters.category ?? "", q.filters.criterion ?? ""]);
  const cache = entries();
  const entry = cache.get(key);
  const now = Date.now();
  if (entry && now - entry.builtAt < FULL_EVERY_MS) {
    // Boards projected since the newest one the kept figures have seen, and, for a minute,
    // every board projected in that minute: a projection stamped before the newest one may
    // commit after it (commits land out of order, instances' clocks differ).
    const since = Math.min(entry.watermark, now - SKEW_MS);
    const changed = await db.$queryRaw<{ boardId: string; updatedAt: unknown }[]>`
      SELECT "boardId", "updatedAt" FROM "BoardStat" WHERE "campaignId" = ${q.campaignId} AND "updatedAt" > ${sqlDate(new Date(since))}`;
    if (changed.length <= INCREMENTAL_MAX) {
      if (changed.length > 0) {
        const ids = changed.map((c) => c.boardId);
        const rows = await aggregate(db, q, ids);
        for (const id of ids) entry.aggs.delete(id);
        for (const r of rows) entry.aggs.set(r.boardId, toAgg(r));
        entry.watermark = Math.max(entry.watermark, ...changed.map((c) => time(c.updatedAt)));
      }
      cache.delete(key);
      cache.set(key, entry); // most recently used last
      return entry.aggs;
    }
  }
  // Read before the pass: a board projected during it is read again by the next request.
  const watermark = await newest(db, q.campaignId);
  const aggs = new Map((await aggregate(db, q)).map((r) => [r.boardId, toAgg(r)]));
  cache.delete(key);
  cache.set(key, { aggs, watermark, builtAt: now });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return aggs;
}
