import type { Prisma, PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";

type Db = PrismaClient | Prisma.TransactionClient;

/** What changed, in words the audit page can translate: `<entity>.<verb>`. */
export type AuditAction =
  | "school.created"
  | "school.updated"
  | "school.deactivated"
  | "school.reactivated"
  | "person.created"
  | "person.updated"
  | "person.deactivated"
  | "person.reactivated"
  | "invitation.created"
  | "invitation.accepted"
  | "invitation.revoked"
  | "import.applied"
  | "report.submitted"
  | "report.returned"
  | "report.accepted"
  | "evidence.removed"
  | "reminder.sent"
  | "campaign.launched"
  | "campaign.closed"
  | "campaign.reopened"
  | "campaign.school_left_out";

export interface AuditEntry {
  actorId: string | null;
  action: AuditAction;
  entityId?: string | null;
  detail?: Record<string, unknown>;
}

const entityOf = (action: AuditAction) => action.split(".")[0];

/** Records one change; pass the transaction client so the entry commits (or rolls back) with it. */
export async function audit(db: Db, entry: AuditEntry) {
  await db.auditLog.create({ data: toRow(entry) });
}

export async function auditMany(db: Db, entries: AuditEntry[]) {
  if (entries.length) await db.auditLog.createMany({ data: entries.map(toRow) });
}

function toRow(entry: AuditEntry) {
  return { actorId: entry.actorId, action: entry.action, entity: entityOf(entry.action), entityId: entry.entityId ?? null, detail: JSON.stringify(entry.detail ?? {}) };
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, with the actor's name and email resolved (the log keeps only ids). */
export async function listAudit({ page = 1, entity }: { page?: number; entity?: string }, db: PrismaClient = getDb()) {
  const where = entity ? { entity } : {};
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    db.auditLog.count({ where }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => !!id))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } });
  const byId = new Map(actors.map((a) => [a.id, a]));
  return {
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: rows.map((r) => ({
      id: r.id,
      at: r.createdAt.toISOString(),
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      actor: r.actorId ? (byId.get(r.actorId) ?? { id: r.actorId, name: r.actorId, email: "" }) : null,
      detail: safeJson(r.detail),
    })),
  };
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}
