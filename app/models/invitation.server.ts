import crypto from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { hashPassword } from "better-auth/crypto";
import { canAssign, type Actor, type ActorRole, type Placement } from "~/domain/permissions";
import { invitationMail } from "~/features/admin/mail-templates.server";
import { DEFAULT_LOCALE } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
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

/**
 * Invites a person by email to a place the actor may fill (403 otherwise). An earlier unused
 * invitation for the same email is withdrawn, so only the newest link works.
 */
export async function createInvitation(actor: Actor & { name: string }, input: { email: string; name: string } & Omit<Placement, "districtId">, db: PrismaClient = getDb()) {
  const place = { districtId: actor.districtId, role: input.role, schoolId: input.schoolId };
  if (!canAssign(actor, place)) throw refused("invite");
  if (await db.user.findUnique({ where: { email: input.email } })) throw new InvitationError("emailTaken");
  const school = input.schoolId ? await db.school.findFirst({ where: { id: input.schoolId, districtId: actor.districtId, active: true } }) : null;
  if (input.schoolId && !school) throw new InvitationError("schoolNotFound");
  const district = await db.district.findUniqueOrThrow({ where: { id: actor.districtId } });

  const token = crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { email: input.email, usedAt: null }, data: { expiresAt: new Date() } });
    const row = await tx.invitation.create({
      data: { email: input.email, name: input.name, role: input.role, districtId: actor.districtId, schoolId: input.schoolId, tokenHash: hashToken(token), expiresAt, invitedById: actor.userId },
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

export type InvitationState = "valid" | "expired" | "used" | "invalid";

export async function findInvitation(token: string, db: PrismaClient = getDb()) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "invalid" as const, invitation: null };
  const invitation = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!invitation) return { state: "invalid" as const, invitation: null };
  const school = invitation.schoolId ? await db.school.findUnique({ where: { id: invitation.schoolId }, select: { name: true, slug: true } }) : null;
  const state: InvitationState = invitation.usedAt ? "used" : invitation.expiresAt <= new Date() ? "expired" : "valid";
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
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return "used" as const;
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

/** Invitations not yet accepted (and not withdrawn), for the people and team pages. */
export async function listPendingInvitations(districtId: string, schoolId: string | null, db: PrismaClient = getDb()) {
  const rows = await db.invitation.findMany({
    where: { districtId, usedAt: null, expiresAt: { gt: new Date() }, ...(schoolId ? { schoolId } : {}) },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const schools = await db.school.findMany({ where: { id: { in: rows.map((r) => r.schoolId).filter((s): s is string => !!s) } }, select: { id: true, name: true } });
  const names = new Map(schools.map((s) => [s.id, s.name]));
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role as ActorRole, school: r.schoolId ? (names.get(r.schoolId) ?? null) : null, expiresAt: r.expiresAt.toISOString() }));
}
