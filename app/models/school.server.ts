import type { Prisma, PrismaClient } from "@prisma/client";
import type { Actor } from "~/domain/permissions";
import type { SchoolInput } from "~/features/admin/schemas";
import { LEVELS } from "~/domain/vocabulary";
import { schoolNameKey, slugify, viCollator } from "~/features/admin/text";
import { getDb } from "~/utils/db.server";
import { audit } from "./audit.server";
import { ensureBoardsForCampaign } from "./campaign.server";
import { getLogger } from "~/utils/logger.server";

type Db = PrismaClient | Prisma.TransactionClient;

export class SchoolConflict extends Error {
  constructor(public field: "code" | "name") {
    super(`school ${field} already taken`);
  }
}

/** A readable, unique URL slug from the school's name: "Trường THCS Lãm Hà" → "thcs-lam-ha". */
export function uniqueSlug(name: string, fallback: string, taken: Set<string>): string {
  const base = slugify(schoolNameKey(name)) || slugify(fallback) || "truong";
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

export async function takenSlugs(db: Db): Promise<Set<string>> {
  return new Set((await db.school.findMany({ select: { slug: true } })).map((s) => s.slug));
}

/**
 * New and reactivated schools get their boards for the district's launched campaigns (the
 * campaigns module makes them). A failure here leaves the school without a board, shown as such
 * on the list, rather than undoing the school.
 */
export async function ensureBoards(districtId: string, db: PrismaClient = getDb()): Promise<number> {
  let created = 0;
  try {
    const campaigns = await db.campaign.findMany({ where: { districtId, status: "active" }, select: { id: true } });
    for (const c of campaigns) created += await ensureBoardsForCampaign(c.id, db);
  } catch (err) {
    getLogger().error({ err, districtId }, "could not create boards for new schools");
  }
  return created;
}

export async function listSchools(districtId: string, filters: { q?: string; level?: string; status?: "active" | "inactive" | "all" } = {}, db: PrismaClient = getDb()) {
  // "Has its board": one in every active campaign of its level that did not leave it out.
  const campaigns = await db.campaign.findMany({ where: { districtId, status: "active" }, select: { id: true, levels: true, exclusions: { select: { schoolId: true } } } });
  const schools = await db.school.findMany({
    where: {
      districtId,
      ...(filters.level ? { level: filters.level } : {}),
      ...(filters.status === "all" ? {} : { active: filters.status !== "inactive" }),
    },
    orderBy: [{ level: "asc" }],
    include: {
      _count: { select: { memberships: { where: { user: { active: true } } } } },
      boards: { where: { campaignId: { in: campaigns.map((c) => c.id) } }, select: { campaignId: true } },
    },
  });
  const q = filters.q ? schoolNameKey(filters.q) : "";
  const levelOrder = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);
  return schools
    .sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || viCollator.compare(a.name, b.name))
    .filter((s) => !q || schoolNameKey(s.name).includes(q) || (s.code ?? "").toLowerCase().includes(q))
    .map((s) => ({ id: s.id, slug: s.slug, name: s.name, level: s.level, ward: s.ward, code: s.code, active: s.active, people: s._count.memberships, hasBoard: hasEveryBoard(s) }));
  function hasEveryBoard(s: { id: string; level: string; boards: { campaignId: string }[] }) {
    const due = campaigns.filter((c) => c.levels.split(",").includes(s.level) && !c.exclusions.some((e) => e.schoolId === s.id));
    return due.every((c) => s.boards.some((b) => b.campaignId === c.id));
  }
}

export async function getSchool(districtId: string, id: string, db: PrismaClient = getDb()) {
  return db.school.findFirst({ where: { id, districtId } });
}

async function assertFree(db: Db, districtId: string, input: SchoolInput, exceptId: string | null) {
  if (input.code) {
    const byCode = await db.school.findFirst({ where: { code: input.code, NOT: { id: exceptId ?? "" } } });
    if (byCode) throw new SchoolConflict("code");
  }
  const key = schoolNameKey(input.name);
  const others = await db.school.findMany({ where: { districtId, NOT: { id: exceptId ?? "" } }, select: { name: true } });
  if (others.some((s) => schoolNameKey(s.name) === key)) throw new SchoolConflict("name");
}

export async function createSchool(actor: Actor, input: SchoolInput, db: PrismaClient = getDb()) {
  await assertFree(db, actor.districtId, input, null);
  const slug = uniqueSlug(input.name, input.code ?? "", await takenSlugs(db));
  const school = await db.$transaction(async (tx) => {
    const created = await tx.school.create({ data: { ...input, slug, districtId: actor.districtId } });
    await audit(tx, { actorId: actor.userId, action: "school.created", entityId: created.id, detail: { name: created.name, level: created.level, ward: created.ward, code: created.code } });
    return created;
  });
  await ensureBoards(actor.districtId, db);
  return school;
}

export async function updateSchool(actor: Actor, id: string, input: SchoolInput, db: PrismaClient = getDb()) {
  const before = await db.school.findFirstOrThrow({ where: { id, districtId: actor.districtId } });
  await assertFree(db, actor.districtId, input, id);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of ["name", "level", "ward", "code"] as const) if (before[key] !== input[key]) changes[key] = [before[key], input[key]];
  if (Object.keys(changes).length === 0) return before;
  return db.$transaction(async (tx) => {
    const school = await tx.school.update({ where: { id }, data: input });
    await audit(tx, { actorId: actor.userId, action: "school.updated", entityId: id, detail: { name: school.name, changes } });
    return school;
  });
}

/** Deactivated schools leave lists and imports; their boards and people stay, so nothing is lost. */
export async function setSchoolActive(actor: Actor, id: string, active: boolean, db: PrismaClient = getDb()) {
  const before = await db.school.findFirstOrThrow({ where: { id, districtId: actor.districtId } });
  if (before.active === active) return before;
  const school = await db.$transaction(async (tx) => {
    const updated = await tx.school.update({ where: { id }, data: { active } });
    await audit(tx, { actorId: actor.userId, action: active ? "school.reactivated" : "school.deactivated", entityId: id, detail: { name: updated.name } });
    return updated;
  });
  if (active) await ensureBoards(actor.districtId, db);
  return school;
}
