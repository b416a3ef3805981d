import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "better-auth/crypto";
import * as Y from "yjs";
import {
  decodeBoard,
  hcmMidnight,
  initBoardDoc,
  LEVELS,
  moveCard,
  PLAN_2023,
  PLAN_2023_TEMPLATE,
  setChecklistItemDone,
  WARDS,
  type Level,
} from "../app/domain";
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

/** Ticks the first share of the board's work, in due-date order, deterministically per school. */
function applyDemoProgress(doc: Y.Doc, slug: string, share: number, userIds: string[]) {
  if (share <= 0) return;
  const rnd = mulberry32(seedOf(`${slug}:progress`));
  const cards = [...decodeBoard(doc).cards].sort((a, b) => (a.dueDate ?? "").localeCompare(b.dueDate ?? ""));
  const items = cards.flatMap((c) => c.checklist.map((i) => ({ card: c, item: i })));
  const target = Math.round(items.length * share);
  items.slice(0, target).forEach(({ card, item }, n) => {
    const due = hcmMidnight(card.dueDate ?? PLAN_2023.deadline);
    const at = new Date(due.getTime() - Math.floor(rnd() * 20 + 1) * 86_400_000);
    setChecklistItemDone(doc, card.id, item.id, true, { userId: userIds[n % userIds.length], at });
  });
  for (const card of decodeBoard(doc).cards) {
    const done = card.checklist.filter((i) => i.done).length;
    if (card.checklist.length > 0 && done === card.checklist.length) moveCard(doc, card.id, "done");
    else if (done > 0) moveCard(doc, card.id, "in_progress");
  }
}

export async function seedIfEmpty(db: PrismaClient) {
  if ((await db.district.count()) > 0) return null;
  return seedDemo(db);
}

export async function seedDemo(db: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const district = await db.district.create({ data: DEMO_DISTRICT });
  const campaign = await db.campaign.create({
    data: {
      districtId: district.id,
      slug: "sxsdatvm-2023",
      name: PLAN_2023.name,
      planNumber: PLAN_2023.planNumber,
      planDate: hcmMidnight(PLAN_2023.planDate),
      issuer: PLAN_2023.issuer,
      parentPlan: PLAN_2023.parentPlan,
      deadline: hcmMidnight(PLAN_2023.deadline),
      levels: LEVELS.join(","),
      status: "active",
      // The 2023 plan as template version 1, already published to every school.
      publishedVersion: 1,
      templates: { create: { version: 1, content: JSON.stringify({ cards: PLAN_2023_TEMPLATE }), publishedAt: hcmMidnight(PLAN_2023.planDate) } },
    },
  });

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

  const schools = demoSchools();
  for (const [index, s] of schools.entries()) {
    const school = await db.school.create({ data: { ...s, districtId: district.id } });
    const principal = await createUser(`hieutruong.${s.slug}@kienan.demo`, `Hiệu trưởng ${s.name.replace("Trường ", "")}`, "principal", school.id);
    const teacher = await createUser(`giaovien.${s.slug}@kienan.demo`, `Giáo viên ${s.name.replace("Trường ", "")}`, "teacher", school.id);

    const doc = new Y.Doc();
    initBoardDoc(doc, PLAN_2023_TEMPLATE, { templateVersion: 1 });
    applyDemoProgress(doc, s.slug, demoProfile(index, s.slug), [teacher, principal]);
    const board = await db.board.create({
      data: { campaignId: campaign.id, schoolId: school.id, templateVersion: 1, document: { create: { state: Buffer.from(Y.encodeStateAsUpdate(doc)) } } },
    });
    // Last activity = the school's latest tick (or the plan's date if it has not started).
    const ticks = decodeBoard(doc).cards.flatMap((c) => c.checklist.map((i) => i.doneAt).filter((d): d is string => !!d));
    const at = ticks.length ? new Date(ticks.sort().at(-1)!) : hcmMidnight(PLAN_2023.planDate);
    await projectBoard(board, doc, { db, at });
  }
  return { schools: schools.length, users, campaignId: campaign.id };
}
