import type { PrismaClient } from "@prisma/client";
import { COALESCED_KINDS, diffBoards, doneCards, mergeSummary, type ActivityChange, type ActivityDetail } from "~/domain/activity";
import type { Board } from "~/domain";
import { formatDate, formatDateTime } from "~/i18n/format";
import { t, type Locale } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { emitBoardActivity } from "./live-events.server";
import { announce, notify } from "./notification.server";
import { queueWebhookEvent } from "./webhook.server";

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
  const changes = change.trusted ? [mergeSummary(change.before, change.after)].filter((c): c is ActivityChange => !!c) : diffBoards(change.before, change.after);
  if (changes.length === 0) return changes;
  const { board, userId, at } = change;
  const fresh: ActivityChange[] = [];
  for (const c of changes) {
    if (COALESCED_KINDS.includes(c.kind) && userId) {
      const last = await db.activity.findFirst({ where: { boardId: board.id, cardId: c.cardId, itemId: c.itemId }, orderBy: { id: "desc" } });
      if (last && last.kind === c.kind && last.actorId === userId && at.getTime() - last.createdAt.getTime() < COALESCE_MS) {
        // Keep where the edit started ("from") and move its end ("to") and time forward.
        const prev = JSON.parse(last.detail) as ActivityDetail;
        await db.activity.update({ where: { id: last.id }, data: { detail: JSON.stringify({ ...c.detail, from: prev.from ?? c.detail.from }), createdAt: at } });
        continue;
      }
    }
    fresh.push(c);
  }
  if (fresh.length) {
    await db.activity.createMany({
      data: fresh.map((c) => ({ boardId: board.id, actorId: userId, kind: c.kind, cardId: c.cardId, itemId: c.itemId, detail: JSON.stringify(c.detail), createdAt: at })),
    });
  }
  await consequences(change, fresh, db);
  emitBoardActivity({ boardId: board.id, cardId: changes.length === 1 ? changes[0].cardId : null, what: "activity" });
  return changes;
}

async function consequences(change: AcceptedChange, changes: ActivityChange[], db: PrismaClient) {
  const { board, userId } = change;
  const assigned = changes.filter((c) => c.kind === "card.assigned" && c.detail.added?.length);
  const ticked = changes.filter((c) => c.kind === "item.ticked");
  const done = doneCards(changes);
  if (!assigned.length && !ticked.length && !done.length) return;
  // The school's and the actor's names, read once and only when a notification or a subscribed
  // webhook needs them: a tick that no webhook asked for costs one lookup, not three.
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
    return { board: { id: board.id, campaignId: board.campaignId }, school: school && { id: board.schoolId, name: school.name, slug: school.slug }, actor, at: change.at.toISOString() };
  };
  for (const c of done) await queueWebhookEvent(board.districtId, "card.done", async () => ({ ...(await base()), card: { id: c.cardId, title: c.detail.card } }), db);
  for (const c of ticked) {
    await queueWebhookEvent(board.districtId, "item.ticked", async () => ({ ...(await base()), card: { id: c.cardId, title: c.detail.card }, item: { id: c.itemId, text: c.detail.item } }), db);
  }
}

export function cardLink(slug: string | undefined, cardId: string | null) {
  if (!slug) return null;
  return cardId ? `/schools/${slug}?card=${encodeURIComponent(cardId)}` : `/schools/${slug}`;
}

/**
 * One writer per board, in order, off the edit's path: an edit is acknowledged once its update is
 * durable; its activity follows a moment later. A failure is logged, never thrown into the room.
 */
export function createActivityRecorder(db: PrismaClient = getDb()) {
  const chains = new Map<string, Promise<unknown>>();
  const log = getLogger().child({ component: "activity" });
  return {
    record(change: AcceptedChange) {
      const id = change.board.id;
      const next = (chains.get(id) ?? Promise.resolve())
        .then(() => recordActivity(change, db))
        .catch((err) => log.error({ err, boardId: id }, "activity not recorded"));
      chains.set(id, next);
      void next.finally(() => {
        if (chains.get(id) === next) chains.delete(id);
      });
    },
    /** Resolves once everything recorded so far is written (shutdown, tests). */
    async idle() {
      await Promise.all([...chains.values()]);
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
