import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "better-auth/crypto";
import { assignableRoles, canAssign, type Actor, type ActorRole, type Placement } from "~/domain/permissions";
import { invitationMail } from "~/features/admin/mail-templates.server";
import { DEFAULT_LOCALE } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { audit } from "./audit.server";
import { sendMail } from "./mail.server";
import { refused } from "./person.server";

export const INVITATION_DAYS = 7;

/** Only the hash is stored: a database leak gives no working links. */
export const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export class InvitationError extends Error {
  constructor(public code: "emailTaken" | "schoolNotFound") {
    super(code);
  }
}

/** A link that still works: not used, not withdrawn, not expired. */
const live = () => ({ usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } });

type Issue = { email: string; name: string; role: ActorRole; schoolId: string | null; userId: string | null };

/**
 * Makes a one-time link for `input` and mails it. An earlier unused invitation for the same email
 * is withdrawn in the same transaction, so only the newest link works.
 */
async function issueInvitation(actor: Actor & { name: string }, input: Issue, db: PrismaClient) {
  const school = input.schoolId ? await db.school.findFirst({ where: { id: input.schoolId, districtId: actor.districtId, active: true } }) : null;
  if (input.schoolId && !school) throw new InvitationError("schoolNotFound");
  const district = await db.district.findUniqueOrThrow({ where: { id: actor.districtId } });
  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { email: input.email, ...live() }, data: { expiresAt: new Date() } });
    const row = await tx.invitation.create({
      data: { email: input.email, name: input.name, role: input.role, districtId: actor.districtId, schoolId: input.schoolId, userId: input.userId, tokenHash: hashToken(token), expiresAt, invitedById: actor.userId },
    });
    await audit(tx, { actorId: actor.userId, action: "invitation.created", entityId: row.id, detail: { email: input.email, name: input.name, role: input.role, school: school?.name ?? null } });
    return row;
  });
  const link = `${getEnv().BASE_URL}/invite/${token}`;
  const mail = await sendMail(
    invitationMail(DEFAULT_LOCALE, { to: input.email, name: input.name, inviter: actor.name, role: input.role, place: school?.name ?? district.name, link, expiresAt }),
    db,
  );
  return { invitation, delivered: mail.delivered };
}

/** Invites a new person by email to a place the actor may fill (403 otherwise). */
export async function createInvitation(actor: Actor & { name: string }, input: { email: string; name: string } & Omit<Placement, "districtId">, db: PrismaClient = getDb()) {
  if (!canAssign(actor, { districtId: actor.districtId, role: input.role, schoolId: input.schoolId })) throw refused("invite");
  if (await db.user.findUnique({ where: { email: input.email } })) throw new InvitationError("emailTaken");
  return issueInvitation(actor, { ...input, userId: null }, db);
}

/**
 * The people in the actor's care who cannot sign in yet: active, with no password (an import
 * creates accounts without one) and no link that still works. A principal sees their own
 * school's teachers; the office everyone in the district it may place.
 */
export async function listUninvited(actor: Actor, db: PrismaClient = getDb()) {
  requireInviter(actor);
  const schoolId = scopeOf(actor);
  const rows = await db.membership.findMany({
    where: { districtId: actor.districtId, ...(schoolId ? { schoolId } : {}), user: { active: true, accounts: { none: { providerId: "credential" } } } },
    select: { role: true, schoolId: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  const placed = rows.filter((r) => canAssign(actor, { districtId: actor.districtId, role: r.role as ActorRole, schoolId: r.schoolId }));
  const waiting = new Set(
    (await db.invitation.findMany({ where: { userId: { in: placed.map((r) => r.user.id) }, ...live() }, select: { userId: true } })).map((i) => i.userId),
  );
  return placed.filter((r) => !waiting.has(r.user.id)).map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role as ActorRole, schoolId: r.schoolId }));
}

/** One link for an account that waits for its first password (an imported person). */
async function inviteAccount(actor: Actor & { name: string }, person: Awaited<ReturnType<typeof listUninvited>>[number], db: PrismaClient) {
  return issueInvitation(actor, { email: person.email, name: person.name, role: person.role, schoolId: person.schoolId, userId: person.userId }, db);
}

export type RunView = { id: string; total: number; sent: number; failed: number; status: "running" | "done"; finishedAt: string | null };
const view = (r: { id: string; total: number; sent: number; failed: number; status: string; finishedAt: Date | null }): RunView => ({
  id: r.id,
  total: r.total,
  sent: r.sent,
  failed: r.failed,
  status: r.status === "done" ? "done" : "running",
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** A run whose worker has said nothing for this long is taken over (its process died). */
const STALE_MS = 30_000;

/**
 * "Invite everyone not yet invited": one run, in the background, with its progress stored. At
 * most one runs per district and school at a time (a second click shows the first).
 */
export async function startInvitationRun(actor: Actor & { name: string }, db: PrismaClient = getDb()): Promise<RunView> {
  requireInviter(actor);
  const schoolId = scopeOf(actor);
  const running = await db.invitationRun.findFirst({ where: { districtId: actor.districtId, schoolId, status: "running" }, orderBy: { createdAt: "desc" } });
  if (running) {
    resumeIfStale(running, actor, db);
    return view(running);
  }
  const total = (await listUninvited(actor, db)).length;
  const run = await db.invitationRun.create({ data: { districtId: actor.districtId, schoolId, startedById: actor.userId, total, status: total ? "running" : "done", finishedAt: total ? null : new Date() } });
  if (total) void work(run.id, run.updatedAt, actor, db);
  return view(run);
}

/** The actor's latest run of the last hour (to show its progress or its outcome), if any. */
export async function latestInvitationRun(actor: Actor & { name: string }, db: PrismaClient = getDb()): Promise<RunView | null> {
  requireInviter(actor);
  const schoolId = scopeOf(actor);
  const run = await db.invitationRun.findFirst({ where: { districtId: actor.districtId, schoolId, createdAt: { gt: new Date(Date.now() - 3_600_000) } }, orderBy: { createdAt: "desc" } });
  if (!run) return null;
  if (run.status === "running") resumeIfStale(run, actor, db);
  return view(run);
}

/** The run, if the actor may see it (its own district, and a principal only their school's). */
export async function getInvitationRun(actor: Actor & { name: string }, id: string, db: PrismaClient = getDb()): Promise<RunView | null> {
  requireInviter(actor);
  const run = await db.invitationRun.findFirst({ where: { id, districtId: actor.districtId } });
  if (!run) return null;
  const scope = scopeOf(actor);
  if (scope !== null && run.schoolId !== scope) return null;
  if (run.status === "running") resumeIfStale(run, actor, db);
  return view(run);
}

/** Only someone whose run it could be takes it over: the office's run by the office, a school's by its principal. */
function resumeIfStale(run: { id: string; updatedAt: Date; schoolId: string | null }, actor: Actor & { name: string }, db: PrismaClient) {
  if (run.schoolId === scopeOf(actor) && Date.now() - run.updatedAt.getTime() > STALE_MS) void work(run.id, run.updatedAt, actor, db);
}

/**
 * Sends the run's invitations a few at a time. Each step claims the run by its `updatedAt`
 * (compare-and-set): if another worker (after a restart, or on another instance) moved it on,
 * this one stops. Each step picks the people still without a live link, so a resumed run sends
 * nobody twice; a person whose mail fails is counted and not retried within the run.
 */
async function work(runId: string, claimedAt: Date, actor: Actor & { name: string }, db: PrismaClient) {
  const failed = new Set<string>();
  let stamp = claimedAt;
  try {
    for (;;) {
      const next = new Date(Math.max(Date.now(), stamp.getTime() + 1));
      const claim = await db.invitationRun.updateMany({ where: { id: runId, status: "running", updatedAt: stamp }, data: { updatedAt: next } });
      if (claim.count !== 1) return;
      stamp = next;
      const batch = (await listUninvited(actor, db)).filter((p) => !failed.has(p.userId)).slice(0, 10);
      if (batch.length === 0) {
        await db.invitationRun.update({ where: { id: runId }, data: { status: "done", finishedAt: new Date() } });
        return;
      }
      let sent = 0;
      for (const person of batch) {
        // SQLite answers synchronously: without a turn of the event loop between mails this
        // loop would hold the whole server (every request waits until the run is over).
        await new Promise((resolve) => setImmediate(resolve));
        const ok = await inviteAccount(actor, person, db).then(
          (r) => r.invitation.id,
          () => null,
        );
        if (ok) sent++;
        else failed.add(person.userId);
      }
      const after = new Date(Math.max(Date.now(), stamp.getTime() + 1));
      const moved = await db.invitationRun.updateMany({
        where: { id: runId, updatedAt: stamp },
        data: { sent: { increment: sent }, failed: { increment: batch.length - sent }, updatedAt: after },
      });
      if (moved.count !== 1) return;
      stamp = after;
    }
  } catch (err) {
    getLogger().error({ err, runId }, "invitation run stopped; it resumes when next looked at");
  }
}

/** Whose people an actor invites: the whole district (null) for the office, else their own school. */
function scopeOf(actor: Actor): string | null {
  return actor.role === "district_admin" ? null : (actor.schoolId ?? NO_SCHOOL);
}
/** Matches no school: a principal without one invites nobody. */
const NO_SCHOOL = "-";

/** Only someone who may invite anybody (the office, a principal) manages invitations at all. */
function requireInviter(actor: Actor) {
  if (!assignableRoles(actor).length) throw refused("manage invitations");
}

async function ownInvitation(actor: Actor, id: string, db: PrismaClient) {
  requireInviter(actor);
  const inv = await db.invitation.findFirst({ where: { id, districtId: actor.districtId, usedAt: null, revokedAt: null } });
  if (!inv) return null;
  if (!canAssign(actor, { districtId: inv.districtId, role: inv.role as ActorRole, schoolId: inv.schoolId })) throw refused("manage invitation");
  return inv;
}

/** A new link for an invitation not yet accepted (expired or not): the old link stops working. */
export async function resendInvitation(actor: Actor & { name: string }, id: string, db: PrismaClient = getDb()) {
  const inv = await ownInvitation(actor, id, db);
  if (!inv) return null;
  if (!inv.userId && (await db.user.findUnique({ where: { email: inv.email } }))) throw new InvitationError("emailTaken");
  return issueInvitation(actor, { email: inv.email, name: inv.name, role: inv.role as ActorRole, schoolId: inv.schoolId, userId: inv.userId }, db);
}

/** Withdraws an invitation: its link answers "withdrawn" from now on. */
export async function revokeInvitation(actor: Actor, id: string, db: PrismaClient = getDb()) {
  const inv = await ownInvitation(actor, id, db);
  if (!inv) return null;
  await db.$transaction(async (tx) => {
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    await audit(tx, { actorId: actor.userId, action: "invitation.revoked", entityId: inv.id, detail: { email: inv.email, name: inv.name, role: inv.role } });
  });
  return inv;
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "invalid";

export async function findInvitation(token: string, db: PrismaClient = getDb()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "invalid" as const, invitation: null };
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invitation) return { state: "invalid" as const, invitation: null };
  const school = invitation.schoolId ? await db.school.findUnique({ where: { id: invitation.schoolId }, select: { name: true, slug: true } }) : null;
  const state: InvitationState = invitation.usedAt ? "used" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= new Date() ? "expired" : "valid";
  return { state, invitation: { ...invitation, role: invitation.role as ActorRole, school } };
}

/**
 * Turns a valid invitation into an account: user + credential + membership, the invitation marked
 * used in the same transaction (a second use of the link finds it used).
 */
export async function acceptInvitation(token: string, password: string, db: PrismaClient = getDb()) {
  const found = await findInvitation(token, db);
  if (found.state !== "valid" || !found.invitation) return { ok: false as const, state: found.state };
  const inv = found.invitation;
  // Hash before the transaction: awaiting real work inside it would let other requests' queries join it.
  const passwordHash = await hashPassword(password);
  const userId = crypto.randomUUID();
  const outcome = await db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, ...live() }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return "used" as const;
    if (inv.userId) {
      // An imported account: it gets its first password, nothing else changes.
      const account = await tx.user.findFirst({ where: { id: inv.userId, active: true }, select: { id: true, accounts: { where: { providerId: "credential" }, select: { id: true } } } });
      if (!account) return "invalid" as const;
      if (account.accounts.length) return "used" as const;
      await tx.account.create({ data: { id: crypto.randomUUID(), accountId: inv.userId, providerId: "credential", password: passwordHash, userId: inv.userId } });
      await tx.user.update({ where: { id: inv.userId }, data: { emailVerified: true } });
      await audit(tx, { actorId: inv.userId, action: "invitation.accepted", entityId: inv.id, detail: { email: inv.email, role: inv.role, school: inv.school?.name ?? null, invitedBy: inv.invitedById } });
      return "ok" as const;
    }
    if (await tx.user.findUnique({ where: { email: inv.email } })) return "emailTaken" as const;
    await tx.user.create({
      data: {
        id: userId,
        email: inv.email,
        name: inv.name,
        emailVerified: true,
        accounts: { create: { id: crypto.randomUUID(), accountId: userId, providerId: "credential", password: passwordHash } },
        memberships: { create: { role: inv.role, districtId: inv.districtId, schoolId: inv.schoolId } },
      },
    });
    await audit(tx, { actorId: userId, action: "invitation.accepted", entityId: inv.id, detail: { email: inv.email, role: inv.role, school: inv.school?.name ?? null, invitedBy: inv.invitedById } });
    await audit(tx, { actorId: inv.invitedById, action: "person.created", entityId: userId, detail: { email: inv.email, name: inv.name, role: inv.role, school: inv.school?.name ?? null, via: "invitation" } });
    return "ok" as const;
  });
  if (outcome !== "ok") return { ok: false as const, state: outcome };
  return { ok: true as const, email: inv.email, schoolSlug: inv.school?.slug ?? null };
}

/** Invitations not yet accepted nor withdrawn (expired ones too, to send again), for the people and team pages. */
export async function listPendingInvitations(districtId: string, schoolId: string | null, db: PrismaClient = getDb()) {
  // Superseded links (a newer one went to the same email) are left out: only each email's newest shows.
  const rows = await db.invitation.findMany({
    where: { districtId, usedAt: null, revokedAt: null, ...(schoolId ? { schoolId } : {}) },
    orderBy: { createdAt: "desc" },
    take: 400,
  });
  const newest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!newest.has(r.email)) newest.set(r.email, r);
  const kept = [...newest.values()].slice(0, 200);
  const schools = await db.school.findMany({ where: { id: { in: kept.map((r) => r.schoolId).filter((s): s is string => !!s) } }, select: { id: true, name: true } });
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const now = Date.now();
  return kept.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as ActorRole,
    school: r.schoolId ? (names.get(r.schoolId) ?? null) : null,
    expiresAt: r.expiresAt.toISOString(),
    expired: r.expiresAt.getTime() <= now,
  }));
}
