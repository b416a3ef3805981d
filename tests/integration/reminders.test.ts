import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignCard, hcmMidnight } from "~/domain";
import { getCollab } from "~/models/collab.server";
import { notify } from "~/models/notification.server";
import { runReminders } from "~/models/reminders.server";
import { createScheduler } from "~/models/scheduler.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { startTestServer } from "../support/server";
import { userId } from "./overview-support";

// Scheduled reminders driven by an injected clock, on the real server's database: each threshold
// fires once — again after a restart, and with two schedulers racing on one database.

let server: StartedServer;
let boardId: string;
let card: { cardId: string; dueDate: string; title: string };
let teacher: string;
let principal: string;
const day = 86_400_000;
/** 10:00 in Hải Phòng, `offset` days from the card's due date. */
const at = (offset: number) => new Date(hcmMidnight(card.dueDate).getTime() + offset * day + 10 * 3_600_000);

async function notes(user: string, kind: string) {
  return getDb().notification.findMany({ where: { userId: user, kind, detail: { contains: card.title } } });
}

beforeAll(async () => {
  server = await startTestServer();
  boardId = await boardIdOf("th-bac-son");
  teacher = await userId("giaovien.th-bac-son@kienan.demo");
  principal = await userId("hieutruong.th-bac-son@kienan.demo");
  const row = await getDb().cardRow.findFirstOrThrow({ where: { boardId, dueDate: { not: null }, status: { not: "done" } }, orderBy: { dueDate: "asc" } });
  card = { cardId: row.cardId, dueDate: row.dueDate!, title: row.title };
  // The principal assigns the teacher: that is "assigned to you" at once, and makes the card the teacher's.
  const result = await (await getCollab()).change(boardId, (doc) => assignCard(doc, card.cardId, [teacher]), { userId: principal });
  expect(result.ok).toBe(true);
  await eventually(async () => expect(await notes(teacher, "assigned")).toHaveLength(1));
});
afterAll(async () => {
  await server?.close();
});

describe("scheduled reminders", () => {
  it("7, 3 and 1 days before: the assignee is told once per threshold, even when passes repeat", async () => {
    const a = createScheduler({ now: () => at(-7), instanceId: "a" });
    const first = await a.tick();
    expect(first.ran).toBe(true);
    expect(first.fired).toContain(`due:7:${boardId}:${card.cardId}:${card.dueDate}`);
    expect(await a.tick()).toMatchObject({ ran: true, fired: [] });
    const due = await notes(teacher, "due");
    expect(due).toHaveLength(1);
    expect(JSON.parse(due[0].detail)).toMatchObject({ days: 7, date: card.dueDate });
    await a.stop();
  });

  it("after a restart (a new scheduler, the lease released) nothing fires twice; the next thresholds fire once each", async () => {
    for (const [offset, days] of [[-7, 7], [-3, 3], [-3, 3], [-1, 1], [-1, 1]] as const) {
      const fresh = createScheduler({ now: () => at(offset), instanceId: `restart-${offset}-${Math.random()}` });
      expect((await fresh.tick()).ran).toBe(true);
      await fresh.stop();
      const due = (await notes(teacher, "due")).map((n) => JSON.parse(n.detail).days);
      expect(due).toContain(days);
    }
    expect((await notes(teacher, "due")).map((n) => JSON.parse(n.detail).days).sort()).toEqual([1, 3, 7]);
  });

  it("overdue goes to the principal, once", async () => {
    const s = createScheduler({ now: () => at(1), instanceId: "overdue" });
    await s.tick();
    await s.tick();
    await s.stop();
    expect(await notes(principal, "overdue")).toHaveLength(1);
    expect(await notes(teacher, "overdue")).toHaveLength(0);
  });

  it("two schedulers on one database racing: one holds the lease and runs, the other waits", async () => {
    const clock = { now: at(-7) };
    const b = createScheduler({ now: () => clock.now, instanceId: "b" });
    const c = createScheduler({ now: () => clock.now, instanceId: "c" });
    for (let i = 0; i < 5; i++) {
      clock.now = new Date(clock.now.getTime() + 1000);
      const results = await Promise.all([b.tick(), c.tick()]);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
    }
    await b.stop();
    await c.stop();
  });

  it("even with no lease at all, two passes racing at a new threshold send it once (the key is unique)", async () => {
    await getDb().reminderFired.deleteMany({ where: { key: { startsWith: `due:3:${boardId}:${card.cardId}` } } });
    await getDb().notification.deleteMany({ where: { userId: teacher, kind: "due", detail: { contains: '"days":3' } } });
    const [x, y] = await Promise.all([runReminders(at(-3)), runReminders(at(-3))]);
    const key = `due:3:${boardId}:${card.cardId}:${card.dueDate}`;
    expect([...x, ...y].filter((k) => k === key)).toHaveLength(1);
    expect((await notes(teacher, "due")).filter((n) => JSON.parse(n.detail).days === 3)).toHaveLength(1);
  });

  it("the daily digest mails unread notifications once a day, not to someone who switched it off", async () => {
    await getDb().user.update({ where: { id: principal }, data: { digestMail: false } });
    await notify([principal, teacher], { kind: "reminder", detail: { actor: "Phòng GD&ĐT", school: "TH Bắc Sơn", message: card.title } });
    const before = new Set((await getDb().outboxMail.findMany({ select: { id: true } })).map((m) => m.id));
    const morning = new Date(at(2).getTime() - 3 * 3_600_000); // 07:00 in Hải Phòng
    const s = createScheduler({ now: () => morning, instanceId: "digest" });
    expect((await s.tick()).digests).toBeGreaterThan(0);
    expect((await s.tick()).digests).toBe(0);
    await s.stop();
    const teacherMail = await getDb().user.findUniqueOrThrow({ where: { id: teacher } });
    const principalMail = await getDb().user.findUniqueOrThrow({ where: { id: principal } });
    const mails = (await getDb().outboxMail.findMany({ where: { to: { in: [teacherMail.email, principalMail.email] } } })).filter((m) => !before.has(m.id));
    expect(mails.map((m) => m.to)).toEqual([teacherMail.email]);
    expect(mails[0].text).toContain(card.title);
  });
});
