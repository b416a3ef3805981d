import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "better-auth/crypto";
import * as Y from "yjs";
import {
  boardProgress,
  decodeBoard,
  hcmMidnight,
  initBoardDoc,
  LEVELS,
  moveCard,
  PLAN_2023,
  PLAN_2023_TEMPLATE,
  setChecklistItemDone,
  todayInHcm,
  WARDS,
  type Level,
  type TemplateCard,
} from "../app/domain";
import { addDays, moveDueDates, relativeDueDates } from "../app/domain/template-dates";
import { projectBoard } from "../app/models/projection.server";

/** Demo data only: a believable district, not an official list of schools. */
export const DEMO_PASSWORD = "kienan-2023";
export const DEMO_DISTRICT = { slug: "kien-an", name: "Phòng GD&ĐT quận Kiến An" };
const LEVEL_NAMES: Record<Level, string> = { MN: "Trường Mầm non", TH: "Trường Tiểu học", THCS: "Trường THCS" };

export const demoSchools = () =>
  WARDS.flatMap((ward) =>
    LEVELS.map((level) => ({
      slug: `${level.toLowerCase()}-${ward.slug}`,
      name: `${LEVEL_NAMES[level]} ${ward.name}`,
      level,
      ward: ward.slug,
    })),
  );


function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const seedOf = (s: string) => crypto.createHash("sha256").update(s).digest().readUInt32LE(0);

/** How far along a demo school is: a few nearly done, a few not started, most somewhere between. */
export function demoProfile(index: number, slug: string): number {
  const rnd = mulberry32(seedOf(slug));
  if ([2, 13, 25].includes(index)) return 0.88 + rnd() * 0.1;
  if ([7, 18, 22, 29].includes(index)) return 0;
  return 0.12 + rnd() * 0.6;
}

/**
 * Ticks the first `share` of the board's work, in due-date order, deterministically per school;
 * every tick lands a few days before its card's due date and never after `now`.
 */
function applyDemoProgress(doc: Y.Doc, seed: string, share: number, userIds: string[], fallbackDue: string, now: Date) {
  if (share <= 0) return;
  const rnd = mulberry32(seedOf(`${seed}:progress`));
  const cards = [...decodeBoard(doc).cards].sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  const items = cards.flatMap((c) => c.checklist.map((i) => ({ card: c, item: i })));
  const target = Math.min(items.length, Math.round(items.length * share));
  items.slice(0, target).forEach(({ card, item }, n) => {
    const due = hcmMidnight(card.dueDate ?? fallbackDue);
    const at = new Date(Math.min(due.getTime() - Math.floor(rnd() * 20 + 1) * 86_400_000, now.getTime() - Math.floor(rnd() * 72 + 1) * 3_600_000));
    setChecklistItemDone(doc, card.id, item.id, true, { userId: userIds[n % userIds.length], at });
  });
  for (const card of decodeBoard(doc).cards) {
    const done = card.checklist.filter((i) => i.done).length;
    if (card.checklist.length > 0 && done === card.checklist.length) moveCard(doc, card.id, "done");
    else if (done > 0) moveCard(doc, card.id, "in_progress");
  }
}

/** The school year a day falls in: September to May, named "2026-2027". */
export function schoolYearOf(today: string): { from: number; to: number } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= 8 ? { from: year, to: year + 1 } : { from: year - 1, to: year };
}

/**
 * The current campaign's dates, relative to `today`: started 75 days ago, report due in 150 days
 * (a running school-year campaign, about a third of the way in), planned a week before it started.
 */
export function currentCampaignDates(today: string) {
  const start = addDays(today, -75);
  return { planDate: addDays(start, -7), start, deadline: addDays(today, 150) };
}

const PLAN_SPAN = { start: PLAN_2023.planDate, deadline: PLAN_2023.deadline };
/** Schools that sent their 2023 report after the deadline (the rest on time). */
const LATE_2023 = [4, 16, 27];

export async function seedIfEmpty(db: PrismaClient, now = new Date()) {
  if ((await db.district.count()) > 0) return null;
  return seedDemo(db, now);
}

/**
 * The demo district, deterministic for a given date: the 2023 campaign, closed after every school
 * sent its report (most on time, a few late); and the same plan run for the current school year,
 * active, its dates relative to today, with varied progress.
 */
export async function seedDemo(db: PrismaClient, now = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const district = await db.district.create({ data: DEMO_DISTRICT });
  const closed = await db.campaign.create({
    data: {
      districtId: district.id,
      slug: "sxsdatvm-2023",
      name: PLAN_2023.name,
      planNumber: PLAN_2023.planNumber,
      planDate: hcmMidnight(PLAN_2023.planDate),
      startDate: hcmMidnight(PLAN_2023.planDate),
      issuer: PLAN_2023.issuer,
      parentPlan: PLAN_2023.parentPlan,
      deadline: hcmMidnight(PLAN_2023.deadline),
      levels: LEVELS.join(","),
      status: "closed",
      closedAt: hcmMidnight("2023-12-15"),
      targets: JSON.stringify({ sang: 80, xanh: 80, sach: 85, dep: 75, an_toan: 90, van_minh: 80 }),
      // The 2023 plan as template version 1, already published to every school.
      publishedVersion: 1,
      templates: { create: { version: 1, content: JSON.stringify({ cards: relativeDueDates(PLAN_2023_TEMPLATE, PLAN_SPAN) }), publishedAt: hcmMidnight(PLAN_2023.planDate) } },
    },
  });
  const today = todayInHcm(now);
  const dates = currentCampaignDates(today);
  const year = schoolYearOf(today);
  const currentCards = moveDueDates(PLAN_2023_TEMPLATE, PLAN_SPAN, { start: dates.start, deadline: dates.deadline });
  const current = await db.campaign.create({
    data: {
      districtId: district.id,
      slug: `sxsdatvm-${year.from}-${year.to}`,
      name: `Phong trào thi đua “Xây dựng quận Kiến An Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh” năm học ${year.from}-${year.to}`,
      planNumber: PLAN_2023.planNumber,
      planDate: hcmMidnight(dates.planDate),
      startDate: hcmMidnight(dates.start),
      issuer: PLAN_2023.issuer,
      parentPlan: null,
      deadline: hcmMidnight(dates.deadline),
      levels: LEVELS.join(","),
      status: "active",
      targets: JSON.stringify({ sang: 70, xanh: 70, sach: 80, dep: 60, an_toan: 85, van_minh: 70 }),
      copiedFromId: closed.id,
      publishedVersion: 1,
      templates: { create: { version: 1, content: JSON.stringify({ cards: currentCards }), publishedAt: hcmMidnight(dates.start) } },
    },
  });
  const boardCards = currentCards.map(({ due: _due, ...c }) => c);

  let users = 0;
  const createUser = async (email: string, name: string, role: string, schoolId: string | null) => {
    const id = crypto.randomUUID();
    await db.user.create({
      data: {
        id,
        email,
        name,
        emailVerified: true,
        accounts: { create: { id: crypto.randomUUID(), accountId: id, providerId: "credential", password: passwordHash } },
        memberships: { create: { role, districtId: district.id, schoolId } },
      },
    });
    users++;
    return id;
  };
  await createUser("phong.gddt@kienan.demo", "Hoàng Thị Hương", "district_admin", null);
  await createUser("so.gddt@kienan.demo", "Sở GD&ĐT Hải Phòng", "observer", null);

  // The share of the plan's items due by today in the current campaign: "on track" means about this.
  const items = (cards: typeof boardCards) => cards.flatMap((c) => c.checklist.map(() => c.dueDate ?? dates.deadline));
  const dueShare = items(boardCards).filter((d) => d < today).length / Math.max(1, items(boardCards).length);

  const schools = demoSchools();
  for (const [index, s] of schools.entries()) {
    const school = await db.school.create({ data: { ...s, districtId: district.id } });
    const principal = await createUser(`hieutruong.${s.slug}@kienan.demo`, `Hiệu trưởng ${s.name.replace("Trường ", "")}`, "principal", school.id);
    const teacher = await createUser(`giaovien.${s.slug}@kienan.demo`, `Giáo viên ${s.name.replace("Trường ", "")}`, "teacher", school.id);
    const people = [teacher, principal];

    // 2023: as the schools left it, and the report each sent.
    const old = await seedBoard(db, closed.id, school.id, PLAN_2023_TEMPLATE, (doc) =>
      applyDemoProgress(doc, s.slug, demoProfile(index, s.slug), people, PLAN_2023.deadline, hcmMidnight("2023-12-15")),
    );
    const rnd = mulberry32(seedOf(`${s.slug}:report`));
    const late = LATE_2023.includes(index);
    const submittedAt = new Date(hcmMidnight(late ? "2023-12-06" : "2023-11-24").getTime() + Math.floor(rnd() * (late ? 3 : 10)) * 86_400_000 + 9 * 3_600_000);
    await db.reportSubmission.create({
      data: { boardId: old.id, campaignId: closed.id, submittedById: principal, submittedAt, note: late ? "Báo cáo gửi chậm do tổng hợp minh chứng." : "", itemsDone: old.progress.done, itemsTotal: old.progress.total },
    });

    // This school year: a few ahead, a few not started, most near what is due by now.
    const profile = demoProfile((index + 11) % schools.length, `${s.slug}:${year.from}`);
    const share = profile === 0 ? 0 : Math.min(1, dueShare * (0.4 + profile * 1.2));
    await seedBoard(db, current.id, school.id, boardCards, (doc) => applyDemoProgress(doc, `${s.slug}:${year.from}`, share, people, dates.deadline, now));
  }
  return { schools: schools.length, users, campaignId: current.id, closedCampaignId: closed.id };
}

/** One board from the template, its demo progress, and its projection (last activity = its latest tick, or none). */
async function seedBoard(db: PrismaClient, campaignId: string, schoolId: string, cards: TemplateCard[], progress: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  initBoardDoc(doc, cards, { templateVersion: 1 });
  progress(doc);
  const board = await db.board.create({
    data: { campaignId, schoolId, templateVersion: 1, document: { create: { state: Buffer.from(Y.encodeStateAsUpdate(doc)) } } },
  });
  const decoded = decodeBoard(doc);
  const ticks = decoded.cards.flatMap((c) => c.checklist.map((i) => i.doneAt).filter((d): d is string => !!d));
  await projectBoard(board, doc, { db, at: ticks.length ? new Date(ticks.sort().at(-1)!) : null });
  return { id: board.id, progress: boardProgress(decoded) };
}
