import type { PrismaClient } from "@prisma/client";
import { hasCardFilters, type OverviewFilters, type SchoolStatus } from "~/features/overview/filters";
import { schoolStatus } from "~/features/overview/schedule";
import { isFrozen } from "~/domain/campaign";
import type { CardAgg } from "./overview-figures.server";
import type { ReportStatus } from "./report.server";
import { inJsonArray, jsonRows, SQL, sqlBool, utcDate } from "./sql.server";

// One line of the district overview per school: the school, its board's figures from the
// projection (BoardStat, and the per-board pass over CardRow), its status and its report.

export type Counts = { planned: number; in_progress: number; done: number };
export type Progress = { done: number; total: number };

export type SchoolLine = {
  boardId: string;
  school: { id: string; slug: string; name: string; level: string; ward: string };
  /** null when the board cannot be read: shown as such, never as zero. */
  progress: Progress | null;
  cards: Counts | null;
  overdue: number | null;
  /** Items that should be done by today under the plan's due dates. */
  expected: number | null;
  lastActivityAt: string | null;
  status: SchoolStatus;
  error: string | null;
  /** The school's results report (báo cáo kết quả), null until submitted. */
  report: ReportStatus | null;
};

/** A board's line as read from SQL, before the per-board figures and the report are joined to it. */
export type LineRow = [
  boardId: string, schoolId: string, slug: string, name: string, level: string, ward: string,
  statId: string | null, itemsDone: number | null, itemsTotal: number | null,
  cardsPlanned: number | null, cardsInProgress: number | null, cardsDone: number | null,
  lastActivityAt: string | null, error: string | null,
];
const LINE_COLUMNS = ["boardId", "schoolId", "slug", "name", "level", "ward", "statId", "itemsDone", "itemsTotal", "cardsPlanned", "cardsInProgress", "cardsDone", "lastActivityAt", "error"] as const;

type LineCampaign = { id: string; status: string };
type Where = { filters?: OverviewFilters; schoolId?: string; boards?: string[] };

/** The lines of a campaign's boards (of `where`'s schools or boards only, if given), as one JSON value: see jsonRows. */
export async function readLines(db: PrismaClient, campaign: LineCampaign, where: Where = {}): Promise<LineRow[]> {
  const { filters = {}, schoolId, boards } = where;
  const query = SQL.sql`
    SELECT b."id" AS "boardId", s."id" AS "schoolId", s."slug", s."name", s."level", s."ward",
      st."boardId" AS "statId", st."itemsDone", st."itemsTotal", st."cardsPlanned", st."cardsInProgress", st."cardsDone",
      st."lastActivityAt", st."error"
    FROM "Board" b JOIN "School" s ON s."id" = b."schoolId" LEFT JOIN "BoardStat" st ON st."boardId" = b."id"
    WHERE b."campaignId" = ${campaign.id}
      -- A closed campaign keeps the schools it had at closing, even one deactivated since.
      ${isFrozen(campaign.status) ? SQL.empty : SQL.sql`AND s."active" = ${sqlBool(true)}`}
      ${filters.level ? SQL.sql`AND s."level" = ${filters.level}` : SQL.empty}
      ${filters.ward ? SQL.sql`AND s."ward" = ${filters.ward}` : SQL.empty}
      ${schoolId ? SQL.sql`AND s."id" = ${schoolId}` : SQL.empty}
      ${boards ? SQL.sql`AND b."id" IN (${inJsonArray(boards)})` : SQL.empty}`;
  const [row] = await db.$queryRaw<{ j: string }[]>`${jsonRows(query, LINE_COLUMNS)}`;
  return JSON.parse(row!.j) as LineRow[];
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** A school's line from its row, its board's card figures and its report, under the card filters (category, criterion). */
export function toSchoolLine(row: LineRow, agg: CardAgg | undefined, report: ReportStatus | null, filters: OverviewFilters): SchoolLine {
  const [boardId, schoolId, slug, name, level, ward, statId, itemsDone, itemsTotal, cardsPlanned, cardsInProgress, cardsDone, last, err] = row;
  const school = { id: schoolId, slug, name, level, ward };
  const lastActivityAt = last ? utcDate(last).toISOString() : null;
  if (!statId || err) {
    const error = err ?? "not projected yet";
    return { boardId, school, progress: null, cards: null, overdue: null, expected: null, lastActivityAt, status: "unreadable", error, report };
  }
  const cardFiltered = hasCardFilters(filters);
  const progress = cardFiltered ? { done: n(agg?.d), total: n(agg?.t) } : { done: n(itemsDone), total: n(itemsTotal) };
  const cards = cardFiltered
    ? { planned: n(agg?.p), in_progress: n(agg?.ip), done: n(agg?.dn) }
    : { planned: n(cardsPlanned), in_progress: n(cardsInProgress), done: n(cardsDone) };
  const expected = n(agg?.expected);
  const status = schoolStatus({ ...progress, expected, cardsStarted: cards.in_progress + cards.done, cardsOpen: cards.planned + cards.in_progress });
  return { boardId, school, progress, cards, overdue: n(agg?.overdue), expected, lastActivityAt, status, error: null, report };
}
