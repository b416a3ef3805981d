import type { PrismaClient } from "@prisma/client";
import { CATEGORIES, CRITERIA, LEVELS, type Category, type Criterion } from "~/domain";
import { hasCardFilters, matchesReportFilter, type OverviewFilters, type SchoolStatus, type SortKey } from "~/features/overview/filters";
import { lastDayBefore, percent, schoolStatus } from "~/features/overview/schedule";
import { isFrozen } from "~/domain/campaign";
import { deadlineDate, visibleCampaigns } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import { campaignReports, type ReportStatus } from "./report.server";
import { cardFigures, cardWhere } from "./overview-figures.server";
import { inJsonArray, jsonRows, SQL, sqlBool, utcDate } from "./sql.server";

// The district overview as SQL over the projection tables (BoardStat, CardRow), never a decode
// of board documents: two queries whatever the number of schools. Unfiltered figures come from
// BoardStat, the same row GET /api/v1/boards reports; category/criterion filters aggregate the
// matching CardRows instead.

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

export type Breakdown<K extends string> = { key: K; done: number; total: number }[];

export type OverviewCampaign = {
  id: string;
  name: string;
  slug: string;
  deadline: string;
  status: string;
  districtId: string;
  /** The day a closed campaign was closed (its figures are as of then), else null. */
  closedOn: string | null;
};

export type Overview = {
  campaign: OverviewCampaign;
  today: string;
  totals: {
    schools: number;
    cards: Counts;
    checklist: Progress;
    overdue: number;
    unreadable: number;
    statuses: Record<SchoolStatus, number>;
    /** Schools that submitted their report, and how many of those after the deadline. */
    reports: { submitted: number; late: number };
  };
  schools: SchoolLine[];
  breakdowns?: { criteria: Breakdown<Criterion>; categories: Breakdown<Category>; levels: Breakdown<string> };
};

export async function findCampaign(campaignId: string, db: PrismaClient = getDb()): Promise<OverviewCampaign | null> {
  const c = await db.campaign.findUnique({ where: { id: campaignId } });
  return c && toCampaign(c);
}

/** Campaigns a district has run, most urgent open one first, for the campaign picker on the page. */
export async function districtCampaigns(districtId: string, db: PrismaClient = getDb()) {
  return (await visibleCampaigns(districtId, db)).map(toCampaign);
}

function toCampaign(c: { id: string; name: string; slug: string; deadline: Date; status: string; districtId: string; closedAt: Date | null }): OverviewCampaign {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    deadline: deadlineDate(c.deadline),
    status: c.status,
    districtId: c.districtId,
    closedOn: c.status === "closed" && c.closedAt ? deadlineDate(c.closedAt) : null,
  };
}

type LineRow = [
  boardId: string, schoolId: string, slug: string, name: string, level: string, ward: string,
  statId: string | null, itemsDone: number | null, itemsTotal: number | null,
  cardsPlanned: number | null, cardsInProgress: number | null, cardsDone: number | null,
  lastActivityAt: string | null, error: string | null,
];
const LINE_COLUMNS = ["boardId", "schoolId", "slug", "name", "level", "ward", "statId", "itemsDone", "itemsTotal", "cardsPlanned", "cardsInProgress", "cardsDone", "lastActivityAt", "error"] as const;

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function getOverview(
  campaign: OverviewCampaign,
  opts: {
    filters?: OverviewFilters;
    today: string;
    breakdowns?: boolean;
    /** One school only: a principal's own line. */
    schoolId?: string;
    db?: PrismaClient;
  },
): Promise<Overview> {
  const db = opts.db ?? getDb();
  const filters = opts.filters ?? {};
  const { today } = opts;
  const lastDay = lastDayBefore(campaign.deadline);
  const cardFiltered = hasCardFilters(filters);

  const linesQuery = SQL.sql`
    SELECT b."id" AS "boardId", s."id" AS "schoolId", s."slug", s."name", s."level", s."ward",
      st."boardId" AS "statId", st."itemsDone", st."itemsTotal", st."cardsPlanned", st."cardsInProgress", st."cardsDone",
      st."lastActivityAt", st."error"
    FROM "Board" b JOIN "School" s ON s."id" = b."schoolId" LEFT JOIN "BoardStat" st ON st."boardId" = b."id"
    WHERE b."campaignId" = ${campaign.id}
      -- A closed campaign keeps the schools it had at closing, even one deactivated since.
      ${isFrozen(campaign.status) ? SQL.empty : SQL.sql`AND s."active" = ${sqlBool(true)}`}
      ${filters.level ? SQL.sql`AND s."level" = ${filters.level}` : SQL.empty}
      ${filters.ward ? SQL.sql`AND s."ward" = ${filters.ward}` : SQL.empty}
      ${opts.schoolId ? SQL.sql`AND s."id" = ${opts.schoolId}` : SQL.empty}`;
  const [[linesJson], byBoard, reports] = await Promise.all([
    // One JSON value rather than a row per school: see jsonRows.
    db.$queryRaw<{ j: string }[]>`${jsonRows(linesQuery, LINE_COLUMNS)}`,
    // The per-board pass over the campaign's cards (CardRow_overview_idx covers it), kept between requests.
    cardFigures(db, { campaignId: campaign.id, filters, today, lastDay, schoolId: opts.schoolId }),
    campaignReports(campaign.id, campaign.deadline, db),
  ]);
  const lines = JSON.parse(linesJson!.j) as LineRow[];

  const schools: SchoolLine[] = lines.map(([boardId, schoolId, slug, name, level, ward, statId, itemsDone, itemsTotal, cardsPlanned, cardsInProgress, cardsDone, last, err]) => {
    const agg = byBoard.get(boardId);
    const school = { id: schoolId, slug, name, level, ward };
    const lastActivityAt = last ? utcDate(last).toISOString() : null;
    const report = reports.get(boardId) ?? null;
    if (!statId || err) {
      const error = err ?? "not projected yet";
      return { boardId, school, progress: null, cards: null, overdue: null, expected: null, lastActivityAt, status: "unreadable", error, report };
    }
    const progress = cardFiltered ? { done: n(agg?.d), total: n(agg?.t) } : { done: n(itemsDone), total: n(itemsTotal) };
    const cards = cardFiltered
      ? { planned: n(agg?.p), in_progress: n(agg?.ip), done: n(agg?.dn) }
      : { planned: n(cardsPlanned), in_progress: n(cardsInProgress), done: n(cardsDone) };
    const expected = n(agg?.expected);
    const status = schoolStatus({ ...progress, expected, cardsStarted: cards.in_progress + cards.done, cardsOpen: cards.planned + cards.in_progress });
    return { boardId, school, progress, cards, overdue: n(agg?.overdue), expected, lastActivityAt, status, error: null, report };
  });

  const kept = schools.filter((s) => (!filters.status || s.status === filters.status) && matchesReportFilter(s.report, filters.report));
  const overview: Overview = { campaign, today, totals: totalsOf(kept), schools: kept };
  if (opts.breakdowns) overview.breakdowns = await breakdownsOf(db, campaign.id, filters, kept);
  return overview;
}

function totalsOf(schools: SchoolLine[]): Overview["totals"] {
  const statuses = { not_started: 0, behind: 0, on_track: 0, done: 0, unreadable: 0 } as Record<SchoolStatus, number>;
  const totals = { schools: schools.length, cards: { planned: 0, in_progress: 0, done: 0 }, checklist: { done: 0, total: 0 }, overdue: 0, unreadable: 0, statuses, reports: { submitted: 0, late: 0 } };
  for (const s of schools) {
    statuses[s.status]++;
    if (s.report) {
      totals.reports.submitted++;
      if (s.report.late) totals.reports.late++;
    }
    if (!s.progress || !s.cards) {
      totals.unreadable++;
      continue;
    }
    totals.checklist.done += s.progress.done;
    totals.checklist.total += s.progress.total;
    totals.cards.planned += s.cards.planned;
    totals.cards.in_progress += s.cards.in_progress;
    totals.cards.done += s.cards.done;
    totals.overdue += s.overdue ?? 0;
  }
  return totals;
}

/**
 * Charts: items per category and per criterion over the kept schools' cards. Grouped by the
 * (category, criteria) pair, which a campaign has a few dozen of, so the criteria are split here
 * rather than by twelve string tests per card row in SQL.
 */
async function breakdownsOf(db: PrismaClient, campaignId: string, filters: OverviewFilters, kept: SchoolLine[]): Promise<NonNullable<Overview["breakdowns"]>> {
  const boards = kept.filter((s) => s.progress).map((s) => s.boardId);
  const rows = await db.$queryRaw<{ category: string; criteria: string; d: bigint | number; t: bigint | number }[]>`
    SELECT "category", "criteria", SUM("itemsDone") AS d, SUM("itemsTotal") AS t
    FROM "CardRow" ${cardWhere({ campaignId, filters })} AND "boardId" IN (${inJsonArray(boards)})
    GROUP BY "category", "criteria"`;
  const criteria = CRITERIA.map((key) => ({ key, done: 0, total: 0 }));
  const categories = CATEGORIES.map((key) => ({ key, done: 0, total: 0 }));
  for (const r of rows) {
    const cat = categories.find((c) => c.key === r.category);
    if (cat) {
      cat.done += n(r.d);
      cat.total += n(r.t);
    }
    for (const tag of r.criteria.split(",")) {
      const c = criteria.find((x) => x.key === tag);
      if (c) {
        c.done += n(r.d);
        c.total += n(r.t);
      }
    }
  }
  const levels = LEVELS.map((key) => ({ key: key as string, done: 0, total: 0 }));
  for (const s of kept) {
    const level = levels.find((l) => l.key === s.school.level);
    if (level && s.progress) {
      level.done += s.progress.done;
      level.total += s.progress.total;
    }
  }
  return { criteria, categories, levels };
}

const STATUS_ORDER: SchoolStatus[] = ["unreadable", "not_started", "behind", "on_track", "done"];
const collator = new Intl.Collator("vi");

// Every school name this process has sorted, with its place in Vietnamese order. Comparing
// names with the collator inside the sort costs ~0.5 µs a call, and a sort of 50,000 lines
// makes ~800,000 calls; ranks make it a comparison of numbers. Ranks over a superset of the
// names keep their order, so the table is rebuilt only when a name it lacks comes up.
const g = globalThis as unknown as { __overviewNameRanks?: Map<string, number> };
function nameRanks(lines: SchoolLine[]): Map<string, number> {
  let ranks = (g.__overviewNameRanks ??= new Map());
  if (lines.every((l) => ranks.has(l.school.name))) return ranks;
  // Renamed schools leave old names behind: start afresh rather than grow without end.
  const known = ranks.size > 4 * lines.length + 1000 ? [] : [...ranks.keys()];
  const names = [...new Set([...known, ...lines.map((l) => l.school.name)])].sort(collator.compare);
  ranks = g.__overviewNameRanks = new Map(names.map((name, i) => [name, i]));
  return ranks;
}

/** Sorts lines in place; ties fall back to the school's name so the order is stable across reloads. */
export function sortLines(lines: SchoolLine[], sort: SortKey, dir: "asc" | "desc", wardName: (slug: string) => string) {
  const ranks = nameRanks(lines);
  const wards = [...new Set(lines.map((l) => l.school.ward))].sort((a, b) => collator.compare(wardName(a), wardName(b)));
  const wardRank = new Map(wards.map((w, i) => [w, i]));
  const level = (s: SchoolLine) => LEVELS.indexOf(s.school.level as never);
  // Each line's keys are worked out once (numbers, or ISO text for last activity), then compared:
  // a sort of 50,000 lines compares ~800,000 pairs.
  const keyOf: Record<SortKey, (s: SchoolLine) => number | string> = {
    name: (s) => ranks.get(s.school.name)!,
    level,
    ward: (s) => wardRank.get(s.school.ward)! * 10 + level(s),
    progress: (s) => (s.progress ? (s.progress.total ? s.progress.done / s.progress.total : 0) : -1),
    items: (s) => s.progress?.done ?? -1,
    overdue: (s) => s.overdue ?? -1,
    lastActivity: (s) => s.lastActivityAt ?? "",
    status: (s) => STATUS_ORDER.indexOf(s.status),
  };
  const keyed = lines.map((line) => ({ line, key: keyOf[sort](line), name: ranks.get(line.school.name)! }));
  const sign = dir === "asc" ? 1 : -1;
  keyed.sort((a, b) => sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.name - b.name);
  for (const [i, k] of keyed.entries()) lines[i] = k.line;
  return lines;
}

/**
 * The district average beside one school: the average school's items done and total (so its
 * percentage is the district's done / total, the same figure the charts use) and overdue cards.
 */
export function districtAverage(lines: SchoolLine[]) {
  const readable = lines.filter((l) => l.progress);
  const mean = (f: (l: SchoolLine) => number) => (readable.length ? Math.round((readable.reduce((s, l) => s + f(l), 0) / readable.length) * 10) / 10 : 0);
  const done = mean((l) => l.progress!.done);
  const total = mean((l) => l.progress!.total);
  return { schools: readable.length, done, total, percent: percent(done, total), overdue: mean((l) => l.overdue ?? 0) };
}
