import type { PrismaClient } from "@prisma/client";
import { hcmMidnight, readBoard, todayInHcm } from "~/domain";
import { daysLeft } from "~/domain/dates";
import { dueThreshold, REPORT_REMINDER_DAYS, reminderKey } from "~/domain/reminders";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { cardLink } from "./activity.server";
import { deadlineDate, readStoredBoard } from "./board.server";
import { firedKeys, fireOnce } from "./lease.server";
import { announce, districtAdmins, notify, schoolPeople } from "./notification.server";
import { queueWebhookEvent } from "./webhook.server";

/**
 * The scheduled reminders of one pass at `now` (docs/decisions/042-reminders.md). Each reminder
 * fires under a unique key in the same transaction as its notifications: a pass after a restart,
 * or on a second instance, finds the key and sends nothing again.
 */
export async function runReminders(now: Date, db: PrismaClient = getDb()) {
  const fired: string[] = [];
  const campaigns = await db.campaign.findMany({ where: { status: "active" }, select: { id: true, districtId: true, deadline: true, name: true } });
  for (const c of campaigns) {
    fired.push(...(await dueReminders(c, now, db)));
    fired.push(...(await districtReminders(c, now, db)));
  }
  return fired;
}

type CampaignRef = { id: string; districtId: string; deadline: Date; name: string };

/** Cards due in 7, 3, 1 days → their assignees; overdue → the school's principal (and school.overdue). */
async function dueReminders(c: CampaignRef, now: Date, db: PrismaClient) {
  const today = todayInHcm(now);
  const horizon = new Date(hcmMidnight(today).getTime() + 8 * 86_400_000);
  const rows = await db.cardRow.findMany({
    where: { campaignId: c.id, status: { not: "done" }, dueDate: { not: null, lt: todayInHcm(horizon) } },
    select: { boardId: true, cardId: true, dueDate: true, title: true, schoolId: true },
  });
  const due = rows.flatMap((r) => {
    const t = dueThreshold(r.dueDate!, today);
    return t === null ? [] : [{ ...r, dueDate: r.dueDate!, threshold: t, key: reminderKey.due(t, r.boardId, r.cardId, r.dueDate!) }];
  });
  const done = await firedKeys(due.map((d) => d.key), db);
  const pending = due.filter((d) => !done.has(d.key));
  const fired: string[] = [];
  const byBoard = new Map<string, typeof pending>();
  for (const d of pending) byBoard.set(d.boardId, [...(byBoard.get(d.boardId) ?? []), d]);
  for (const [boardId, list] of byBoard) {
    const school = await db.school.findUnique({ where: { id: list[0].schoolId }, select: { id: true, name: true, slug: true } });
    if (!school) continue;
    // Assignees live in the document, not in the projection: read them once per board.
    const stored = await readStoredBoard(boardId, db);
    const decoded = readBoard(stored.doc);
    stored.doc.destroy();
    const cards = new Map(decoded.ok ? decoded.board.cards.map((card) => [card.id, card]) : []);
    const principals = await schoolPeople(school.id, ["principal"], db);
    for (const d of list) {
      const card = cards.get(d.cardId);
      if (!card || card.status === "done" || card.dueDate !== d.dueDate) continue; // changed since the projection
      const link = cardLink(school.slug, d.cardId);
      const to = d.threshold === "overdue" ? principals : card.assignees;
      const ok = await fireOnce(
        d.key,
        now,
        async (tx) => {
          if (d.threshold === "overdue") {
            await notify(to, { kind: "overdue", detail: { card: card.title, school: school.name, date: d.dueDate }, link }, { db: tx, at: now });
            await queueWebhookEvent(c.districtId, "school.overdue", { school, campaign: { id: c.id, name: c.name }, card: { id: card.id, title: card.title, dueDate: d.dueDate } }, tx, now);
          } else {
            await notify(to, { kind: "due", detail: { card: card.title, school: school.name, days: daysLeft(d.dueDate, today), date: d.dueDate }, link }, { db: tx, at: now });
          }
        },
        db,
      );
      if (ok) {
        fired.push(d.key);
        announce(to);
      }
    }
  }
  return fired;
}

/** Schools not started N days after the launch, and reports missing 3 days before the deadline → the district, with the list. */
async function districtReminders(c: CampaignRef, now: Date, db: PrismaClient) {
  const fired: string[] = [];
  const today = todayInHcm(now);
  const deadline = deadlineDate(c.deadline);
  const admins = await districtAdmins(c.districtId, db);
  const days = getEnv().REMIND_NOT_STARTED_DAYS;
  // A campaign's boards are made at its launch: the first one's date is the launch date.
  const first = await db.board.findFirst({ where: { campaignId: c.id }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  if (first && daysLeft(today, todayInHcm(first.createdAt)) >= days && daysLeft(deadline, today) >= 0) {
    const key = reminderKey.notStarted(c.id, days);
    if (!(await firedKeys([key], db)).has(key)) {
      const stats = await db.boardStat.findMany({ where: { campaignId: c.id, itemsDone: 0, cardsInProgress: 0, cardsDone: 0 }, select: { schoolId: true } });
      const schools = await schoolNames(stats.map((s) => s.schoolId), db);
      const ok = await fireOnce(key, now, async (tx) => {
        if (schools.length) await notify(admins, { kind: "schools.not_started", detail: { days, schools }, link: "/overview" }, { db: tx, at: now });
      }, db);
      if (ok) fired.push(key);
    }
  }
  const left = daysLeft(deadline, today);
  if (left >= 0 && left <= REPORT_REMINDER_DAYS) {
    const key = reminderKey.reportsMissing(c.id, deadline);
    if (!(await firedKeys([key], db)).has(key)) {
      const boards = await db.board.findMany({ where: { campaignId: c.id, report: null }, select: { schoolId: true } });
      const schools = await schoolNames(boards.map((b) => b.schoolId), db);
      const ok = await fireOnce(key, now, async (tx) => {
        if (schools.length) await notify(admins, { kind: "reports.missing", detail: { days: left, date: deadline, schools }, link: "/overview" }, { db: tx, at: now });
      }, db);
      if (ok) fired.push(key);
    }
  }
  if (fired.length) announce(admins);
  return fired;
}

async function schoolNames(ids: string[], db: PrismaClient) {
  const rows = await db.school.findMany({ where: { id: { in: ids }, active: true }, select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}
