import type { PrismaClient } from "@prisma/client";
import type { OverviewFilters, SortKey } from "~/features/overview/filters";
import { cardFigures, type CardAgg } from "./overview-figures.server";
import { readLines, toSchoolLine, type SchoolLine } from "./overview-lines.server";
import { lineOrder, mergeLines, sortLines, type LineOrder } from "./overview-sort.server";
import { campaignReports, type ReportStatus } from "./report.server";
import { sqlDate } from "./sql.server";

// The district's overview lines, every school of a campaign, kept per process between requests
// (docs/decisions/049): a request asks the database what changed since the lines were read and
// re-reads only that, then filters, sums and pages in memory; the sorted orders are kept too.
// At 50,000 schools reading the lines whole costs ~1–4 s on two loaded cores (the lines as one
// JSON value, the per-board pass over CardRow, statuses, a sort); checking them, a few milliseconds.
//
// What can change a line, and how it is seen — from the database, so a change made through
// another instance shows as well as one made here:
// - a board's projection (a tick, a move, a card added): BoardStat.updatedAt, set in the
//   transaction that rewrites its card rows, and the card figures come from those rows;
// - a board made (a launch) or changed: Board.updatedAt; a board deleted: the board count;
// - a school renamed, moved, deactivated: School.updatedAt (Prisma's @updatedAt);
// - a report submitted, returned, accepted: the submissions' count, versions, states and
//   newest times (ReportSubmission has no updatedAt; every transition moves one of these);
// - the day, the deadline, the campaign's state, the card filters: part of the key.
// Rows changed in the last minute are looked at again at every request (commits land out of
// order, instances' clocks differ) and read again if their stamp moved, and the whole view is
// read again at least every 10 minutes.

/** Rows changed in the last minute are looked at again at each request. */
const SKEW_MS = 60_000;
/** A full read at least this often, whatever happened (a clock off by more than SKEW_MS heals). */
const FULL_EVERY_MS = 10 * 60_000;
/** More boards changed than this since the last request (a launch, a publish, an import): one full read instead. */
const INCREMENTAL_MAX = 2_000;
/** Views kept per process (campaign × day × card filter), and lines kept in all of them (~700 bytes a line: 200,000 lines ~140 MB). */
const MAX_VIEWS = 16;
const MAX_LINES = 200_000;

export type KeptQuery = {
  campaign: { id: string; status: string; deadline: string };
  /** Only the card filters (category, criterion) shape the lines; level, ward, status and report filter them after. */
  filters: OverviewFilters;
  today: string;
  lastDay: string;
};

type View = {
  lines: Map<string, SchoolLine>;
  aggs: Map<string, CardAgg>;
  reports: Map<string, ReportStatus>;
  /** Bumped whenever a line changes; the sorted orders remember the version they were made at. */
  version: number;
  orders: Map<string, { version: number; lines: SchoolLine[]; order: LineOrder }>;
  /** The boards whose line changed at each of the last versions, for the sorted orders to catch up. */
  log: { version: number; ids: Set<string> }[];
  /** Rows of the last minute already read, by source and board, with their stamp: not read again. */
  seen: Map<string, number>;
  watermark: number;
  builtAt: number;
  boards: number;
  reportPrint: string;
};
/** A view and the read of it under way, if any: one at a time per view. */
type Slot = { view: View | null; busy: { seq: number; done: Promise<void> } | null };

const g = globalThis as unknown as { __overviewKept?: Map<string, Slot>; __overviewKeptSeq?: number };
const slots = () => (g.__overviewKept ??= new Map());
const nextSeq = () => (g.__overviewKeptSeq = (g.__overviewKeptSeq ?? 0) + 1);
const time = (v: unknown) => (v === null || v === undefined ? 0 : new Date(v as string | Date).getTime());

/** Everything the lines depend on besides the rows: two views with the same key are the same view. */
function keyOf(q: KeptQuery) {
  return JSON.stringify([q.campaign.id, q.campaign.status, q.campaign.deadline, q.today, q.lastDay, q.filters.category ?? "", q.filters.criterion ?? ""]);
}

const figureQuery = (q: KeptQuery) => ({
  campaignId: q.campaign.id,
  // Only the card filters: level, ward, status and report filter the kept lines, they do not shape them.
  filters: { category: q.filters.category, criterion: q.filters.criterion },
  today: q.today,
  lastDay: q.lastDay,
});

/**
 * Every line of the campaign (every level and ward), up to date with the database as of this
 * call, in the order asked for (or the kept order). The lines are shared between requests: never
 * change one; the array is the caller's.
 */
export async function keptLines(db: PrismaClient, q: KeptQuery, sort?: { key: SortKey; dir: "asc" | "desc"; wardName: (slug: string) => string }): Promise<readonly SchoolLine[]> {
  const arrival = nextSeq();
  const key = keyOf(q);
  const slot = slots().get(key) ?? { view: null, busy: null };
  slots().set(key, slot);
  await settled(slot, arrival, async () => {
    const fresh = slot.view && (await refresh(db, q, slot.view));
    if (!fresh) slot.view = await build(db, q);
  });
  const view = slot.view!;
  touch(key, slot);
  return sort ? sorted(view, sort.key, sort.dir, sort.wardName) : [...view.lines.values()];
}

/**
 * Runs `work` on the slot, one at a time. A read that began after this request arrived has
 * seen every change this one could see, so the request takes its result instead of its own.
 */
async function settled(slot: Slot, arrival: number, work: () => Promise<void>) {
  for (;;) {
    const busy = slot.busy;
    if (!busy) break;
    const ok = await busy.done.then(() => true, () => false);
    if (ok && busy.seq > arrival && slot.view) return;
  }
  const done = work();
  slot.busy = { seq: nextSeq(), done };
  try {
    await done;
  } finally {
    if (slot.busy?.done === done) slot.busy = null;
  }
}

/** Brings a view up to date with what changed since it was read; false when it must be read whole again. */
async function refresh(db: PrismaClient, q: KeptQuery, view: View): Promise<boolean> {
  const now = Date.now();
  if (now - view.builtAt >= FULL_EVERY_MS) return false;
  const since = Math.min(view.watermark, now - SKEW_MS);
  const [changed, print] = await Promise.all([changedSince(db, q.campaign.id, since), fingerprint(db, q.campaign.id)]);
  if (changed.length > INCREMENTAL_MAX || print.boards !== view.boards) return false;
  // The rows of the last minute come back at every request: read again only those stamped anew.
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const c of changed) {
    const at = time(c.at);
    const key = `${c.k}:${c.boardId}`;
    if (view.seen.get(key) !== at) ids.add(c.boardId);
    seen.set(key, at);
  }
  const reportsMoved = print.reports !== view.reportPrint;
  view.seen = seen;
  if (!ids.size && !reportsMoved) return true;
  const boards = [...ids];
  const [rows, aggs, reports] = await Promise.all([
    boards.length ? readLines(db, q.campaign, { boards }) : [],
    boards.length ? cardFigures(db, figureQuery(q), boards) : new Map<string, CardAgg>(),
    reportsMoved ? campaignReports(q.campaign.id, q.campaign.deadline, db) : view.reports,
  ]);
  const moved = new Set<string>();
  const put = (id: string, line: SchoolLine) => {
    const old = view.lines.get(id);
    if (old && JSON.stringify(old) === JSON.stringify(line)) return;
    view.lines.set(id, line);
    moved.add(id);
  };
  if (reportsMoved) {
    // A report changes its line's report only (not its figures or status).
    for (const id of new Set([...view.reports.keys(), ...reports.keys()])) {
      const line = view.lines.get(id);
      if (line && !ids.has(id)) put(id, { ...line, report: reports.get(id) ?? null });
    }
    view.reports = reports;
    view.reportPrint = print.reports;
  }
  for (const id of boards) {
    const agg = aggs.get(id);
    if (agg) view.aggs.set(id, agg);
    else view.aggs.delete(id);
  }
  const read = new Set<string>();
  for (const row of rows) {
    read.add(row[0]);
    put(row[0], toSchoolLine(row, view.aggs.get(row[0]), reports.get(row[0]) ?? null, q.filters));
  }
  // Changed and not read back: its school was deactivated (or the board is gone).
  for (const id of boards) if (!read.has(id) && view.lines.delete(id)) moved.add(id);
  if (moved.size) {
    view.version++;
    view.log.push({ version: view.version, ids: moved });
    while (view.log.length > 64 || view.log.reduce((n, e) => n + e.ids.size, 0) > INCREMENTAL_MAX) view.log.shift();
  }
  view.watermark = Math.max(view.watermark, ...changed.map((c) => time(c.at)));
  return true;
}

async function build(db: PrismaClient, q: KeptQuery): Promise<View> {
  // Read before the lines: a row changed during the read is read again by the next request.
  const [newest, print] = await Promise.all([newestChange(db, q.campaign.id), fingerprint(db, q.campaign.id)]);
  const builtAt = Date.now();
  const [rows, aggs, reports] = await Promise.all([readLines(db, q.campaign), cardFigures(db, figureQuery(q)), campaignReports(q.campaign.id, q.campaign.deadline, db)]);
  const lines = new Map(rows.map((row) => [row[0], toSchoolLine(row, aggs.get(row[0]), reports.get(row[0]) ?? null, q.filters)]));
  return { lines, aggs, reports, version: 0, orders: new Map(), log: [], seen: new Map(), watermark: newest, builtAt, boards: print.boards, reportPrint: print.reports };
}

/** Most recently used last; the oldest views go first when there are too many or too many lines. */
function touch(key: string, slot: Slot) {
  const all = slots();
  all.delete(key);
  all.set(key, slot);
  let lines = [...all.values()].reduce((n, s) => n + (s.view?.lines.size ?? 0), 0);
  while (all.size > 1 && (all.size > MAX_VIEWS || lines > MAX_LINES)) {
    const [oldest, s] = all.entries().next().value!;
    all.delete(oldest);
    lines -= s.view?.lines.size ?? 0;
  }
}

/**
 * The view's lines in this order. Kept per order; when lines changed since, the changed ones are
 * taken out of the last order and merged back in their new places (mergeLines), and only a
 * change the order cannot place (a name or ward it has not seen, too many changes) sorts again.
 */
function sorted(view: View, key: SortKey, dir: "asc" | "desc", wardName: (slug: string) => string): readonly SchoolLine[] {
  const name = `${key}:${dir}`;
  const kept = view.orders.get(name);
  if (kept?.version === view.version) return kept.lines;
  const changed = kept && changedFrom(view, kept.version);
  if (kept && changed) {
    const added = [...changed].flatMap((id) => view.lines.get(id) ?? []);
    if (added.every(kept.order.knows)) {
      const lines = mergeLines(
        kept.lines.filter((l) => !changed.has(l.boardId)),
        added,
        kept.order,
      );
      view.orders.set(name, { version: view.version, lines, order: kept.order });
      return lines;
    }
  }
  const lines = [...view.lines.values()];
  const order = lineOrder(lines, key, dir, wardName);
  sortLines(lines, key, dir, wardName, order);
  view.orders.set(name, { version: view.version, lines, order });
  return lines;
}

/** The boards whose line changed after `version`, or null when the log no longer reaches back that far. */
function changedFrom(view: View, version: number): Set<string> | null {
  const entries = view.log.filter((e) => e.version > version);
  if (entries.length !== view.version - version) return null;
  return new Set(entries.flatMap((e) => [...e.ids]));
}

/** Boards of the campaign whose board, projection or school row changed after `since`. */
async function changedSince(db: PrismaClient, campaignId: string, since: number) {
  const at = sqlDate(new Date(since));
  return db.$queryRaw<{ k: string; boardId: string; at: unknown }[]>`
    SELECT 'st' AS "k", st."boardId", st."updatedAt" AS "at" FROM "BoardStat" st WHERE st."campaignId" = ${campaignId} AND st."updatedAt" > ${at}
    UNION ALL
    SELECT 'b', b."id", b."updatedAt" FROM "Board" b WHERE b."campaignId" = ${campaignId} AND b."updatedAt" > ${at}
    UNION ALL
    SELECT 's', b."id", s."updatedAt" FROM "School" s JOIN "Board" b ON b."schoolId" = s."id" WHERE b."campaignId" = ${campaignId} AND s."updatedAt" > ${at}`;
}

/** The newest change of any row the lines are read from. */
async function newestChange(db: PrismaClient, campaignId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ st: unknown; b: unknown; s: unknown }[]>`
    SELECT (SELECT MAX("updatedAt") FROM "BoardStat" WHERE "campaignId" = ${campaignId}) AS st,
      (SELECT MAX("updatedAt") FROM "Board" WHERE "campaignId" = ${campaignId}) AS b,
      (SELECT MAX(s."updatedAt") FROM "School" s JOIN "Board" b ON b."schoolId" = s."id" WHERE b."campaignId" = ${campaignId}) AS s`;
  return Math.max(time(row?.st), time(row?.b), time(row?.s));
}

/** What must stay equal for the kept lines to hold: the number of boards, and a print of the reports. */
async function fingerprint(db: PrismaClient, campaignId: string): Promise<{ boards: number; reports: string }> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT COUNT(*) FROM "Board" WHERE "campaignId" = ${campaignId}) AS boards,
      COUNT(*) AS n, SUM("version") AS versions,
      SUM(CASE WHEN "status" = 'submitted' THEN 1 ELSE 0 END) AS submitted,
      SUM(CASE WHEN "status" = 'returned' THEN 1 ELSE 0 END) AS returned,
      MAX("submittedAt") AS "lastSubmitted", MAX("reviewedAt") AS "lastReviewed"
    FROM "ReportSubmission" WHERE "campaignId" = ${campaignId}`;
  const { boards, ...reports } = row ?? {};
  return { boards: Number(boards), reports: Object.values(reports).map((v) => (v instanceof Date ? v.getTime() : String(v ?? ""))).join("|") };
}

