import type { PrismaClient } from "@prisma/client";
import { canAssign, canManagePerson, type Actor, type ActorRole, type Placement } from "~/domain/permissions";
import { ROLES } from "~/domain/vocabulary";
import { fold, viCollator } from "~/features/admin/text";
import { forbidden } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { getLogger } from "~/utils/logger.server";
import { audit } from "./audit.server";
import { getCollab } from "./collab.server";

/** The permissions module refused: the one AppError (403), answered by each transport's mapping. */
export const refused = (what: string) => forbidden(`Not allowed: ${what}`);

export const PEOPLE_PAGE_SIZE = 50;

export interface PeopleFilters {
  q?: string;
  role?: ActorRole;
  schoolId?: string;
  status?: "active" | "inactive" | "all";
  page?: number;
}

export async function listPeople(districtId: string, filters: PeopleFilters = {}, db: PrismaClient = getDb()) {
  const memberships = await db.membership.findMany({
    where: {
      districtId,
      ...(filters.role ? { role: filters.role } : {}),
      ...(filters.schoolId ? { schoolId: filters.schoolId } : {}),
      ...(filters.status === "all" ? {} : { user: { active: filters.status !== "inactive" } }),
    },
    include: {
      user: { select: { id: true, name: true, email: true, active: true, accounts: { where: { providerId: "credential" }, select: { id: true } } } },
      school: { select: { id: true, name: true, slug: true } },
    },
  });
  // District roles first, then by school; in each, principals before teachers; names in Vietnamese order.
  const rank = (role: string) => ROLES.indexOf(role as ActorRole);
  memberships.sort(
    (a, b) =>
      Number(!!a.school) - Number(!!b.school) ||
      viCollator.compare(a.school?.name ?? "", b.school?.name ?? "") ||
      rank(a.role) - rank(b.role) ||
      viCollator.compare(a.user.name, b.user.name),
  );
  const q = filters.q ? fold(filters.q) : "";
  const rows = memberships
    .filter((m) => !q || fold(m.user.name).includes(q) || m.user.email.includes(q))
    .map((m) => ({
      id: m.user.id,
      name: m.user.name,
      email: m.user.email,
      active: m.user.active,
      hasPassword: m.user.accounts.length > 0,
      role: m.role as ActorRole,
      school: m.school,
    }));
  const page = Math.max(1, filters.page ?? 1);
  const shown = rows.slice((page - 1) * PEOPLE_PAGE_SIZE, page * PEOPLE_PAGE_SIZE);
  return { total: rows.length, pages: Math.max(1, Math.ceil(rows.length / PEOPLE_PAGE_SIZE)), page, people: await withAccess(shown, db) };
}

/**
 * How each person signs in, for the list: with a password, or — an imported account — invited
 * (the newest link still works, until when), invited with a link that has expired, or not
 * invited yet. One query for the page shown.
 */
async function withAccess<P extends { id: string; active: boolean; hasPassword: boolean }>(people: P[], db: PrismaClient) {
  const waiting = people.filter((p) => p.active && !p.hasPassword).map((p) => p.id);
  const links = waiting.length
    ? await db.invitation.findMany({ where: { userId: { in: waiting }, usedAt: null, revokedAt: null }, orderBy: { createdAt: "desc" }, select: { userId: true, expiresAt: true } })
    : [];
  const newest = new Map<string, Date>();
  for (const l of links) if (l.userId && !newest.has(l.userId)) newest.set(l.userId, l.expiresAt);
  const now = Date.now();
  return people.map((p) => {
    const until = newest.get(p.id);
    const access: PersonAccess =
      p.hasPassword ? { state: "password" } : !until ? { state: "notInvited" } : until.getTime() > now ? { state: "invited", until: until.toISOString() } : { state: "expired" };
    return { ...p, access };
  });
}

export type PersonAccess = { state: "password" } | { state: "invited"; until: string } | { state: "expired" } | { state: "notInvited" };

export async function getPerson(districtId: string, userId: string, db: PrismaClient = getDb()) {
  const m = await db.membership.findFirst({ where: { districtId, userId }, include: { user: true, school: { select: { id: true, name: true, slug: true } } } });
  if (!m) return null;
  return { id: m.user.id, name: m.user.name, email: m.user.email, active: m.user.active, role: m.role as ActorRole, schoolId: m.schoolId, school: m.school, districtId };
}

type Person = NonNullable<Awaited<ReturnType<typeof getPerson>>>;
const placementOf = (p: Person): Placement & { userId: string } => ({ userId: p.id, districtId: p.districtId, role: p.role, schoolId: p.schoolId });

/** Closes a person's live board connections; the board server may not be running (e.g. a CLI), which is fine. */
export async function disconnectLive(userId: string, reason: string): Promise<number> {
  try {
    return (await getCollab()).disconnectUser(userId, reason);
  } catch (err) {
    getLogger().warn({ err, userId }, "could not reach the collaboration server to close connections");
    return 0;
  }
}

/** Changes a person's name, role or school; both where they are and where they go must be the actor's to manage. */
export async function updatePerson(actor: Actor, person: Person, next: { name: string } & Omit<Placement, "districtId">, db: PrismaClient = getDb()) {
  const target = { districtId: person.districtId, role: next.role, schoolId: next.schoolId };
  if (!canManagePerson(actor, placementOf(person)) || !canAssign(actor, target)) throw refused("manage person");
  const changes: Record<string, [unknown, unknown]> = {};
  if (person.name !== next.name) changes.name = [person.name, next.name];
  if (person.role !== next.role) changes.role = [person.role, next.role];
  if (person.schoolId !== next.schoolId) changes.schoolId = [person.schoolId, next.schoolId];
  if (Object.keys(changes).length === 0) return changes;
  await db.$transaction(async (tx) => {
    if (changes.name) await tx.user.update({ where: { id: person.id }, data: { name: next.name } });
    if (changes.role || changes.schoolId) {
      await tx.membership.update({ where: { userId_districtId: { userId: person.id, districtId: person.districtId } }, data: { role: next.role, schoolId: next.schoolId } });
    }
    await audit(tx, { actorId: actor.userId, action: "person.updated", entityId: person.id, detail: { email: person.email, changes } });
  });
  // Open board connections were authorised for the old role: make them reconnect under the new one.
  if (changes.role || changes.schoolId) await disconnectLive(person.id, "role-changed");
  return changes;
}

/**
 * Deactivating signs a person out everywhere: no new sessions (auth hook), existing sessions
 * deleted, and live board connections closed.
 */
export async function setPersonActive(actor: Actor, person: Person, active: boolean, db: PrismaClient = getDb()) {
  if (!canManagePerson(actor, placementOf(person))) throw refused("manage person");
  if (person.active === active) return { changed: false, closed: 0 };
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: person.id }, data: { active } });
    if (!active) await tx.session.deleteMany({ where: { userId: person.id } });
    await audit(tx, { actorId: actor.userId, action: active ? "person.reactivated" : "person.deactivated", entityId: person.id, detail: { email: person.email, name: person.name } });
  });
  const closed = active ? 0 : await disconnectLive(person.id, "deactivated");
  return { changed: true, closed };
}
