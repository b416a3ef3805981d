import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { Actor } from "~/domain/permissions";
import { auditMany, type AuditEntry } from "~/models/audit.server";
import { takenSlugs, uniqueSlug } from "~/models/school.server";
import { wardName } from "../text";
import type { ImportIssue } from "./issues";
import type { Plan } from "./plan";
import type { UploadMeta } from "./store.server";

/** Raised inside the transaction so that Prisma rolls every row back. */
export class Abort extends Error {
  constructor(public issues: ImportIssue[]) {
    super("import aborted");
  }
}

type Sheet = "schools" | "people";

/** Rows per multi-row INSERT: few enough parameters for any SQLite build. */
const CHUNK = 100;

/**
 * Writes a checked plan inside the caller's transaction; returns the people whose role or school
 * changed (their live board connections must be re-authorised). New people go in as multi-row
 * inserts, because the transaction holds the event loop (see docs/decisions: import); when one
 * batch fails, its rows are retried one by one (after a savepoint: see batch) to name
 * the row, and the whole transaction is rolled back.
 */
export async function writePlan(tx: Prisma.TransactionClient, actor: Actor, meta: UploadMeta, plan: Plan, sheets: Record<Sheet, string | null>): Promise<string[]> {
  const entries: AuditEntry[] = [];
  const changed: string[] = [];
  const via = { via: "import", importId: meta.id, file: meta.filename };
  const fail = (sheet: Sheet, row: number, error: unknown): never => {
    const message = error instanceof Error ? error.message.split("\n").filter(Boolean).pop()!.slice(0, 200) : String(error);
    throw new Abort([{ sheet: sheets[sheet], kind: sheet, row, column: null, code: "writeFailed", params: { message } }]);
  };
  const one = async (sheet: Sheet, row: number, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      fail(sheet, row, error);
    }
  };

  const slugs = await takenSlugs(tx);
  const schoolIds = new Map<string, string>();
  for (const s of plan.schools) {
    const id = s.id ?? crypto.randomUUID();
    schoolIds.set(s.code, id);
    if (s.action === "create") {
      const data = { id, districtId: actor.districtId, slug: uniqueSlug(s.name, s.code, slugs), name: s.name, level: s.level, ward: s.ward, code: s.code };
      await one("schools", s.row, () => tx.school.create({ data, select: { id: true } }));
      entries.push({ actorId: actor.userId, action: "school.created", entityId: id, detail: { name: s.name, level: s.level, ward: wardName(s.ward), code: s.code, ...via } });
    } else if (s.action === "update") {
      await one("schools", s.row, () => tx.school.update({ where: { id }, data: { name: s.name, level: s.level, ward: s.ward, code: s.code }, select: { id: true } }));
      entries.push({ actorId: actor.userId, action: "school.updated", entityId: id, detail: { name: s.name, changes: s.changes, ...via } });
    }
  }

  const schoolOf = (p: Plan["people"][number]) => (p.target ? (p.target.id ?? schoolIds.get(p.target.code!) ?? null) : null);
  const created = plan.people.filter((p) => p.action === "create").map((p) => ({ p, userId: crypto.randomUUID(), schoolId: schoolOf(p) }));
  for (let i = 0; i < created.length; i += CHUNK) {
    const chunk = created.slice(i, i + CHUNK);
    const user = (c: (typeof chunk)[number]) => ({ id: c.userId, email: c.p.email, name: c.p.name });
    const membership = (c: (typeof chunk)[number]) => ({ userId: c.userId, role: c.p.role, districtId: actor.districtId, schoolId: c.schoolId });
    await batch(tx, chunk, (rows) => tx.user.createMany({ data: rows.map(user) }), (c) => one("people", c.p.row, () => tx.user.create({ data: user(c), select: { id: true } })));
    await batch(tx, chunk, (rows) => tx.membership.createMany({ data: rows.map(membership) }), (c) => one("people", c.p.row, () => tx.membership.create({ data: membership(c), select: { id: true } })));
  }
  for (const c of created) {
    entries.push({ actorId: actor.userId, action: "person.created", entityId: c.userId, detail: { email: c.p.email, name: c.p.name, role: c.p.role, school: c.p.target?.name ?? null, ...via } });
  }

  for (const p of plan.people.filter((p) => p.action === "update")) {
    const userId = p.userId!;
    const schoolId = schoolOf(p);
    if (p.changes.name) await one("people", p.row, () => tx.user.update({ where: { id: userId }, data: { name: p.name }, select: { id: true } }));
    if (p.changes.role || p.changes.schoolId) {
      await one("people", p.row, () =>
        tx.membership.upsert({
          where: { userId_districtId: { userId, districtId: actor.districtId } },
          create: { userId, districtId: actor.districtId, role: p.role, schoolId },
          update: { role: p.role, schoolId },
          select: { id: true },
        }),
      );
      changed.push(userId);
    }
    entries.push({ actorId: actor.userId, action: "person.updated", entityId: userId, detail: { email: p.email, name: p.name, role: p.role, school: p.target?.name ?? null, changes: p.changes, ...via } });
  }

  const count = (c: Plan["counts"]["schools"]) => ({ created: c.create, updated: c.update, unchanged: c.unchanged });
  entries.push({ actorId: actor.userId, action: "import.applied", entityId: meta.id, detail: { file: meta.filename, schools: count(plan.counts.schools), people: count(plan.counts.people) } });
  await auditMany(tx, entries);
  return changed;
}

/** One multi-row write; if it fails, the rows one by one, so the failing row can be named. */
/**
 * A failed statement aborts a PostgreSQL transaction (SQLite undoes only the statement): a
 * savepoint before the batch lets the rows be retried one by one on both.
 */
async function batch<T>(tx: Prisma.TransactionClient, rows: T[], many: (rows: T[]) => Promise<unknown>, each: (row: T) => Promise<void>) {
  await tx.$executeRawUnsafe("SAVEPOINT import_batch");
  try {
    await many(rows);
  } catch (error) {
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_batch");
    for (const row of rows) await each(row);
    throw error;
  }
  await tx.$executeRawUnsafe("RELEASE SAVEPOINT import_batch");
}
