import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { formatDate } from "~/i18n/format";
import { t, type Locale } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { emitNotificationsChanged } from "./live-events.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** Every kind of notification; the text is written at read time in the reader's language. */
export const NOTIFICATION_KINDS = [
  "assigned",
  "mentioned",
  "due",
  "overdue",
  "report.returned",
  "report.submitted",
  "schools.not_started",
  "reports.missing",
  "reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationDetail {
  actor?: string;
  school?: string;
  card?: string;
  excerpt?: string;
  days?: number;
  date?: string;
  note?: string;
  message?: string;
  /** School names, for the district's "with the list" reminders. */
  schools?: string[];
}

export interface NewNotification {
  kind: NotificationKind;
  detail: NotificationDetail;
  link?: string | null;
}

/**
 * Tells people something (in the bell now; in the daily digest mail later unless `mailed`).
 * Pass the transaction of the change it belongs to so both commit together; the live signal is
 * sent by the caller after the commit through `announce` (or here when no transaction is given).
 * The report helper calls this for "report returned" (docs/decisions/041-notifications.md).
 */
export async function notify(userIds: readonly string[], n: NewNotification, opts: { db?: Db; mailedAt?: Date | null; at?: Date } = {}) {
  const db = opts.db ?? getDb();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  await db.notification.createMany({
    data: unique.map((userId) => ({
      userId,
      kind: n.kind,
      detail: JSON.stringify(n.detail),
      link: n.link ?? null,
      mailedAt: opts.mailedAt ?? null,
      ...(opts.at ? { createdAt: opts.at } : {}),
    })),
  });
  if (!opts.db) announce(unique);
  return unique.length;
}

/** Live signal to each person's bell (after the notifications are committed). */
export function announce(userIds: readonly string[]) {
  for (const id of new Set(userIds)) emitNotificationsChanged(id);
}

/** The sentence a notification shows, in the reader's language. */
export function notificationText(locale: Locale, kind: string, detail: NotificationDetail): string {
  const schools = detail.schools ?? [];
  const list = schools.slice(0, 20).join(", ") + (schools.length > 20 ? ` (+${schools.length - 20})` : "");
  return t(locale, `notifications.kinds.${kind}`, {
    ...detail,
    date: detail.date ? formatDate(detail.date) : "",
    count: schools.length,
    list,
    defaultValue: kind,
  });
}

const PAGE = 30;
export const readInputSchema = z.union([
  z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** GET /api/v1/notifications: newest first, with the unread count. */
export async function listNotifications(userId: string, locale: Locale, opts: { cursor?: string | null } = {}, db: PrismaClient = getDb()) {
  const cursor = opts.cursor ? await db.notification.findFirst({ where: { id: opts.cursor, userId }, select: { id: true } }) : null;
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    ...(cursor ? { cursor: { id: cursor.id }, skip: 1 } : {}),
  });
  const unread = await db.notification.count({ where: { userId, readAt: null } });
  const page = rows.slice(0, PAGE);
  return {
    unread,
    notifications: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: notificationText(locale, r.kind, parseDetail(r.detail)),
      link: r.link,
      at: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    next: rows.length > PAGE ? page.at(-1)!.id : null,
  };
}

/** Marks some (only the reader's own) or all as read; returns the unread count after. */
export async function markRead(userId: string, input: z.infer<typeof readInputSchema>, db: PrismaClient = getDb()) {
  const where = "all" in input ? { userId, readAt: null } : { userId, readAt: null, id: { in: input.ids } };
  const { count } = await db.notification.updateMany({ where, data: { readAt: new Date() } });
  if (count) emitNotificationsChanged(userId);
  return { marked: count, unread: await db.notification.count({ where: { userId, readAt: null } }) };
}

export function parseDetail(text: string): NotificationDetail {
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" ? v : {};
  } catch {
    return {};
  }
}

/** People of a school by role (principals get the overdue and report reminders). */
export async function schoolPeople(schoolId: string, roles: readonly string[], db: Db = getDb()) {
  const rows = await db.membership.findMany({ where: { schoolId, role: { in: [...roles] }, user: { active: true } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** The district office's administrators (report submitted, schools behind). */
export async function districtAdmins(districtId: string, db: Db = getDb()) {
  const rows = await db.membership.findMany({ where: { districtId, role: "district_admin", user: { active: true } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** The daily digest mail, on or off, per person. */
export async function digestSetting(userId: string, db: PrismaClient = getDb()) {
  return (await db.user.findUnique({ where: { id: userId }, select: { digestMail: true } }))?.digestMail ?? true;
}

export async function setDigestMail(userId: string, on: boolean, db: PrismaClient = getDb()) {
  await db.user.update({ where: { id: userId }, data: { digestMail: on } });
}
