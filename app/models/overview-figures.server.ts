import type { PrismaClient } from "@prisma/client";
import type { OverviewFilters } from "~/features/overview/filters";
import { inJsonArray, listHas, SQL } from "./sql.server";

// The overview's per-board pass over CardRow: overdue cards, items expected by today, and with
// card filters the counts of the matching cards. At 50,000 schools the whole pass reads ~1.3
// million card rows (0.35–0.9 s on PostgreSQL, bench/overview/pg.ts), so the district's lines
// keep its result between requests and re-read only the boards projected since
// (overview-lines.server.ts, docs/decisions/047 and 049).

export type CardAgg = { d: number; t: number; p: number; ip: number; dn: number; overdue: number; expected: number };

type Row = { boardId: string; d?: unknown; t?: unknown; p?: unknown; ip?: unknown; dn?: unknown; overdue: unknown; expected: unknown };
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const toAgg = (r: Row): CardAgg => ({ d: n(r.d), t: n(r.t), p: n(r.p), ip: n(r.ip), dn: n(r.dn), overdue: n(r.overdue), expected: n(r.expected) });

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
 * Per board (by id), the figures of its cards that the overview's lines need; a board with no
 * matching card has no entry. Without card filters, BoardStat has the counts, so only the
 * date-dependent figures are summed, and only cards already due can contribute to them.
 */
export async function cardFigures(db: PrismaClient, q: FigureQuery, boards?: string[]): Promise<Map<string, CardAgg>> {
  const { today, lastDay } = q;
  const rows =
    q.filters.category || q.filters.criterion
      ? await db.$queryRaw<Row[]>`
      SELECT "boardId", SUM("itemsDone") AS d, SUM("itemsTotal") AS t,
        SUM(CASE WHEN "status" = 'planned' THEN 1 ELSE 0 END) AS p,
        SUM(CASE WHEN "status" = 'in_progress' THEN 1 ELSE 0 END) AS ip,
        SUM(CASE WHEN "status" = 'done' THEN 1 ELSE 0 END) AS dn,
        SUM(CASE WHEN "status" <> 'done' AND "dueDate" IS NOT NULL AND "dueDate" < ${today} THEN 1 ELSE 0 END) AS overdue,
        SUM(CASE WHEN COALESCE("dueDate", ${lastDay}) < ${today} THEN "itemsTotal" ELSE 0 END) AS expected
      FROM "CardRow" ${cardWhere(q, boards)}
      GROUP BY "boardId"`
      : await db.$queryRaw<Row[]>`
      SELECT "boardId", SUM(CASE WHEN "status" <> 'done' AND "dueDate" IS NOT NULL THEN 1 ELSE 0 END) AS overdue, SUM("itemsTotal") AS expected
      FROM "CardRow" ${cardWhere(q, boards)} AND COALESCE("dueDate", ${lastDay}) < ${today}
      GROUP BY "boardId"`;
  return new Map(rows.map((r) => [r.boardId, toAgg(r)]));
}
