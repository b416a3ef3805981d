import type { PrismaClient } from "@prisma/client";
import { CATEGORIES, CRITERIA, LEVELS, type Category, type Criterion } from "~/domain";
import { matchesReportFilter, type OverviewFilters, type SchoolStatus, type SortKey } from "~/features/overview/filters";
import { lastDayBefore, percent } from "~/features/overview/schedule";
import { deadlineDate, visibleCampaigns } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import { campaignReports } from "./report.server";
import { cardFigures, cardWhere } from "./overview-figures.server";
import { keptLines } from "./overview-kept.server";
import { readLines, toSchoolLine, type Counts, type Progress, type SchoolLine } from "./overview-lines.server";
import { inJsonArray } from "./sql.server";

// The district overview as SQL over the projection tables (BoardStat, CardRow), never a decode
// of board documents, whatever the number of schools. Unfiltered figures come from BoardStat,
// the same row GET /api/v1/boards reports; category/criterion filters aggregate the matching
// CardRows instead. The district's lines are kept between requests (overview-kept.server.ts).

export type { Counts, Progress, SchoolLine };

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

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function getOverview(
  campaign: OverviewCampaign,
  opts: {
    filters?: OverviewFilters;
    today: string;
    breakdowns?: boolean;
    /** One school only: a principal's own line. */
    schoolId?: string;
    /** The lines in this order (else in the order they were kept). */
    sort?: { key: SortKey; dir: "asc" | "desc"; wardName: (slug: string) => string };
    db?: PrismaClient;
  },
): Promise<Overview> {
  const db = opts.db ?? getDb();
  const filters = opts.filters ?? {};
  const { today } = opts;
  const lastDay = lastDayBefore(campaign.deadline);
  // The district's lines are kept between requests and checked against the database at each
  // (overview-kept.server.ts, ADR 049); one school's line is a small query of its own.
  const lines = opts.schoolId ? await schoolLines(db, campaign, { filters, today, lastDay, schoolId: opts.schoolId }) : await keptLines(db, { campaign, filters, today, lastDay }, opts.sort);
  const kept = lines.filter(
    (s) =>
      (!filters.level || s.school.level === filters.level) &&
      (!filters.ward || s.school.ward === filters.ward) &&
      (!filters.status || s.status === filters.status) &&
      matchesReportFilter(s.report, filters.report),
  );
  const overview: Overview = { campaign, today, totals: totalsOf(kept), schools: kept };
  if (opts.breakdowns) overview.breakdowns = await breakdownsOf(db, campaign.id, filters, kept);
  return overview;
}

async function schoolLines(db: PrismaClient, campaign: OverviewCampaign, q: { filters: OverviewFilters; today: string; lastDay: string; schoolId: string }): Promise<SchoolLine[]> {
  const [rows, byBoard, reports] = await Promise.all([
    readLines(db, campaign, { schoolId: q.schoolId }),
    cardFigures(db, { campaignId: campaign.id, ...q }),
    campaignReports(campaign.id, campaign.deadline, db),
  ]);
  return rows.map((row) => toSchoolLine(row, byBoard.get(row[0]), reports.get(row[0]) ?? null, q.filters));
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
