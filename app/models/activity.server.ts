import type { PrismaClient } from "@prisma/client";
import { COALESCED_KINDS, diffBoards, doneCards, mergeSummary, type ActivityChange, type ActivityDetail } from "~/domain/activity";
import type { Board } from "~/domain";
import { formatDate, formatDateTime } from "~/i18n/format";
import { t, type Locale } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { emitBoardActivity } from "./live-events.server";
import { announce, notify } from "./notification.server";
import { SQL, sqlDate } from "./sql.server";
import { queueWebhookEvents, type QueuedWebhookEvent } from "./webhook.server";

/** Keystrokes of one person on one text within this window become one entry. */
const COALESCE_MS = 5 * 60_000;

export interface AcceptedChange {
  board: { id: string; schoolId: string; districtId: string; campaignId: string };
  before: Board;
  after: Board;
  userId: string | null;
  trusted: boolean;
  at: Date;
}

/**
 * Writes the activity of one accepted update, and what follows from it: "assigned to you"
 * notifications and the card.done / item.ticked webhooks. Runs after the update is durable;
 * the collaboration server calls it from its accepted hook (docs/decisions/040-activity.md).
 */
export async function recordActivity(change: AcceptedChange, db: PrismaClient = getDb()): Promise<ActivityChange[]> {
  return (await recordActivities([change], db))[0]!;
}

type ActivityRow = { boardId: string; actorId: string | null; kind: string; cardId: string | null; itemId: string | null; detail: ActivityDetail; createdAt: Date };
/** The newest row of a (board, card, item): one being written in this batch, or one already stored. */
type Latest = { kind: string; actorId: string | null; createdAt: Date; from: string | null | undefined; row: ActivityRow | { id: number } };

/**
 * Several accepted updates, in order, written as if one after the other: one INSERT for all their
 * new rows (docs/decisions/050). A text edit coalesces with the newest row of its text whether that
 * is stored or earlier in the batch; notifications, webhooks and live events follow each update in
 * turn, as they did one by one. Returns each update's entries.
 */
export async function recordActivities(batch: AcceptedChange[], db: PrismaClient = getDb()): Promise<ActivityChange[][]> {
  const derived = batch.map((change) => (change.trusted ? [mergeSummary(change.before, change.after)].filter((c): c is ActivityChange => !!c) : diffBoards(change.before, change.after)));
  const inserts: ActivityRow[] = [];
  const updates = new Map<number, { detail: ActivityDetail; createdAt: Date }>();
  const latest = new Map<string, Latest | null>();
  const fresh: ActivityChange[][] = [];
  for (const [i, change] of batch.entries()) {
    const { board, userId, at } = change;
    const kept: ActivityChange[] = [];
    for (const c of derived[i]!) {
      const key = `${board.id}\u0000${c.cardId}\u0000${c.itemId}`;
      if (COALESCED_KINDS.includes(c.kind) && userId) {
        if (!latest.has(key)) {
          const row = await db.activity.findFirst({ where: { boardId: board.id, cardId: c.cardId, itemId: c.itemId }, orderBy: { id: "desc" } });
          latest.set(key, row && { kind: row.kind, actorId: row.actorId, createdAt: row.createdAt, from: (JSON.parse(row.detail) as ActivityDetail).from, row: { id: row.id } });
        }
        const last = latest.get(key);
        if (last && last.kind === c.kind && last.actorId === userId && at.getTime() - last.createdAt.getTime() < COALESCE_MS) {
          // Keep where the edit started ("from") and move its end ("to") and time forward.
          const detail = { ...c.detail, from: last.from ?? c.detail.from };
          if ("id" in last.row) updates.set(last.row.id, { detail, createdAt: at });
          else Object.assign(last.row, { detail, createdAt: at });
          Object.assign(last, { createdAt: at, from: detail.from });
          continue;
        }
      }
      kept.push(c);
      const row: ActivityRow = { boardId: board.id, actorId: userId, kind: c.kind, cardId: c.cardId, itemId: c.itemId, detail: c.detail, createdAt: at };
      inserts.push(row);
      latest.set(key, { kind: c.kind, actorId: userId, createdAt: at, from: c.detail.from, row });
    }
    fresh.push(kept);
  }
  // What can fail comes first and is all written or not at all for the entries (the INSERT is one
  // statement); after it nothing throws, so the recorder may retry a failed batch update by update.
  for (const [id, u] of updates) await db.activity.updateMany({ where: { id }, data: { detail: JSON.stringify(u.detail), createdAt: u.createdAt } });
  await insertActivity(db, inserts);

  const log = getLogger().child({ component: "activity" });
  const events = new Map<string, QueuedWebhookEvent[]>();
  for (const [i, change] of batch.entries()) {
    try {
      const queued = await consequences(change, fresh[i]!, db);
      if (queued.length) events.set(change.board.districtId, [...(events.get(change.board.districtId) ?? []), ...queued]);
    } catch (err) {
      log.error({ err, boardId: change.board.id }, "activity consequences not recorded");
    }
  }
  // The board's automatic events may use a district's webhook list up to WEBHOOK_CACHE_MS old (ADR 050).
  for (const [districtId, queued] of events) {
    await queueWebhookEvents(districtId, queued, db, { cached: true }).catch((err: unknown) => log.error({ err, districtId }, "webhook events not queued"));
  }
  for (const [i, change] of batch.entries()) {
    const changes = derived[i]!;
    if (changes.length) emitBoardActivity({ boardId: change.board.id, cardId: changes.length === 1 ? changes[0]!.cardId : null, what: "activity" });
  }
  return derived;
}

// A raw multi-row INSERT: Prisma's createMany compiles its query on every call (~1 ms of CPU per
// edit in bench:observers); the SQL takes a fraction of that. Rows get their ids in this order.
const ROWS_PER_INSERT = 500;
async function insertActivity(db: PrismaClient, rows: ActivityRow[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows
      .slice(i, i + ROWS_PER_INSERT)
      .map((r) => SQL.sql`(${r.boardId}, ${r.actorId}, ${r.kind}, ${r.cardId}, ${r.itemId}, ${JSON.stringify(r.detail)}, ${sqlDate(r.createdAt)})`);
    await db.$executeRaw`INSERT INTO "Activity" ("boardId", "actorId", "kind", "cardId", "itemId", "detail", "createdAt") VALUES ${SQL.join(values)}`;
  }
}

/** Notifications now; the webhook events to queue (their data read only if a webhook asks). */
async function consequences(change: AcceptedChange, changes: ActivityChange[], db: PrismaClient): Promise<QueuedWebhookEvent[]> {
  const { board, userId, at } = change;
  const assigned = changes.filter((c) => c.kind === "card.assigned" && c.detail.added?.length);
  const ticked = changes.filter((c) => c.kind === "item.ticked");
  const done = doneCards(changes);
  if (!assigned.length && !ticked.length && !done.length) return [];
  // The school's and the actor's names, read once and only when a notification or a subscribed
  // webhook needs them: a tick that no webhook asked for reads nothing.
  let names: Promise<[{ name: string; slug: string } | null, { id: string; name: string } | null]> | null = null;
  const lookUp = () =>
    (names ??= Promise.all([
      db.school.findUnique({ where: { id: board.schoolId }, select: { name: true, slug: true } }),
      userId ? db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } }) : null,
    ]));
  const told: string[] = [];
  for (const c of assigned) {
    const [school, actor] = await lookUp();
    const to = (c.detail.added ?? []).filter((id) => id !== userId);
    await notify(to, { kind: "assigned", detail: { actor: actor?.name ?? "", card: c.detail.card, school: school?.name }, link: cardLink(school?.slug, c.cardId) }, { db });
    told.push(...to);
  }
  announce(told);
  const base = async () => {
    const [school, actor] = await lookUp();
    return { board: { id: board.id, campaignId: board.campaignId }, school: school && { id: board.schoolId, name: school.name, slug: school.slug }, actor, at: at.toISOString() };
  };
  return [
    ...done.map((c): QueuedWebhookEvent => ({ event: "card.done", at: new Date(), data: async () => ({ ...(await base()), card: { id: c.cardId, title: c.detail.card } }) })),
    ...ticked.map((c): QueuedWebhookEvent => ({
      event: "item.ticked",
      at: new Date(),
      data: async () => ({ ...(await base()), card: { id: c.cardId, title: c.detail.card }, item: { id: c.itemId, text: c.detail.item } }),
    })),
  ];
}

export function cardLink(slug: string | undefined, cardId: string | null) {
  if (!slug) return null;
  return cardId ? `/schools/${slug}?card=${encodeURIComponent(cardId)}` : `/schools/${slug}`;
}

/**
 * A board's activity is written at most once per this window during a burst: ticking through a
 * checklist is an edit every few milliseconds, and one INSERT per edit cost more CPU than the rest
 * of the edit's path after validation (docs/decisions/050).
 */
const ACTIVITY_WINDOW_MS = 25;

/**
 * One writer per board, in order, off the edit's path: an edit is acknowledged once its update is
 * durable; its activity follows a moment later (at most `windowMs`, plus the write). What arrives
 * meanwhile, or while the board's previous write is in flight, is written with the others in one
 * go (`recordActivities`), so a burst costs a statement per window, not one per edit. A failure is
 * logged, never thrown into the room. `idle()` cuts the wait short and writes everything.
 */
export function createActivityRecorder(db: PrismaClient = getDb(), opts: { windowMs?: number } = {}) {
  const windowMs = opts.windowMs ?? ACTIVITY_WINDOW_MS;
  type Queue = { pending: AcceptedChange[]; drained: Promise<void>; wake: () => void; flushing: boolean };
  const queues = new Map<string, Queue>();
  const log = getLogger().child({ component: "activity" });
  const wait = (queue: Queue) =>
    new Promise<void>((resolve) => {
      if (queue.flushing) return setImmediate(resolve);
      const timer = setTimeout(resolve, windowMs);
      queue.wake = () => (clearTimeout(timer), resolve());
    });
  async function drain(id: string, queue: Queue) {
    do {
      await wait(queue);
      const batch = queue.pending.splice(0);
      try {
        await recordActivities(batch, db);
      } catch (err) {
        if (batch.length === 1) log.error({ err, boardId: id }, "activity not recorded");
        // One update that cannot be written (its board deleted meanwhile) fails alone.
        else for (const change of batch) await recordActivity(change, db).catch((e: unknown) => log.error({ err: e, boardId: id }, "activity not recorded"));
      }
    } while (queue.pending.length);
    queues.delete(id);
  }
  return {
    record(change: AcceptedChange) {
      const id = change.board.id;
      const queue = queues.get(id);
      if (queue) return void queue.pending.push(change);
      const fresh: Queue = { pending: [change], drained: Promise.resolve(), wake: () => {}, flushing: false };
      queues.set(id, fresh);
      fresh.drained = drain(id, fresh);
    },
    /** Resolves once everything recorded so far, and whatever arrives meanwhile, is written (shutdown, tests). */
    async idle() {
      while (queues.size) {
        for (const q of queues.values()) {
          q.flushing = true;
          q.wake();
        }
        await Promise.all([...queues.values()].map((q) => q.drained));
      }
    },
  };
}
export type ActivityRecorder = ReturnType<typeof createActivityRecorder>;

const PAGE = 50;

export interface ActivityFilter {
  cardId?: string | null;
  actorId?: string | null;
  kind?: string | null;
  cursor?: number | null;
}

/** GET /api/v1/boards/<id>/activity: newest first, 50 a page, `next` is the cursor for the page after. */
export async function listActivity(boardIds: string[], locale: Locale, filter: ActivityFilter = {}, db: PrismaClient = getDb()) {
  const kinds = filter.kind ? (filter.kind.endsWith(".") || !filter.kind.includes(".") ? { startsWith: filter.kind.replace(/\.?$/, ".") } : filter.kind) : undefined;
  const rows = await db.activity.findMany({
    where: {
      boardId: { in: boardIds },
      ...(filter.cardId ? { cardId: filter.cardId } : {}),
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(kinds ? { kind: kinds } : {}),
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
    },
    orderBy: { id: "desc" },
    take: PAGE + 1,
  });
  const page = rows.slice(0, PAGE);
  const people = await db.user.findMany({ where: { id: { in: [...new Set(page.map((r) => r.actorId).filter((a): a is string => !!a))] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const assignees = await assigneeNames(page.map((r) => r.detail), db);
  return {
    activity: page.map((r) => {
      const actor = r.actorId ? { id: r.actorId, name: names.get(r.actorId) ?? r.actorId } : null;
      const detail = JSON.parse(r.detail) as ActivityDetail;
      return {
        id: r.id,
        at: r.createdAt.toISOString(),
        actor,
        kind: r.kind,
        cardId: r.cardId,
        itemId: r.itemId,
        boardId: r.boardId,
        summary: activitySummary(locale, r.kind, detail, actor?.name ?? t(locale, "activity.system"), r.createdAt, assignees),
      };
    }),
    next: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}

async function assigneeNames(details: string[], db: PrismaClient) {
  const ids = new Set<string>();
  for (const d of details) {
    if (!d.includes('"added"')) continue;
    const v = JSON.parse(d) as ActivityDetail;
    for (const id of [...(v.added ?? []), ...(v.removed ?? [])]) ids.add(id);
  }
  if (ids.size === 0) return new Map<string, string>();
  const rows = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "Nguyễn Thị A đã đánh dấu «…» lúc 14:02, 01/12/2026", in the reader's language. */
export function activitySummary(locale: Locale, kind: string, d: ActivityDetail, actor: string, at: Date, people = new Map<string, string>()) {
  const [date, time] = formatDateTime(at).split(" ");
  const status = (s: string | null | undefined) => (s ? t(locale, `statuses.${s}`) : "—");
  const names = (ids: string[] | undefined) => (ids ?? []).map((id) => people.get(id) ?? id).join(", ");
  const values: Record<string, unknown> = {
    actor,
    card: d.card ?? "",
    item: d.item ?? "",
    from: kind === "card.moved" ? status(d.from) : kind === "card.due" ? formatDate(d.from) || "—" : (d.from ?? ""),
    to: kind === "card.moved" || kind === "card.created" ? status(d.to) : kind === "card.due" ? formatDate(d.to) || "—" : (d.to ?? ""),
    added: names(d.added),
    removed: names(d.removed),
    cards: d.cards ?? 0,
    time,
    date,
  };
  const variant = kind === "card.assigned" && !d.added?.length ? "card.unassigned" : kind;
  return t(locale, `activity.kinds.${variant}`, { ...values, defaultValue: kind });
}
