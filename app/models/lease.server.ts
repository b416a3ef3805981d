import type { Prisma, PrismaClient } from "@prisma/client";
import { getDb } from "~/utils/db.server";

/**
 * A lease row per job name: whoever holds an unexpired lease runs the job, everyone else waits.
 * One conditional UPDATE decides (SQLite serialises writers; PostgreSQL re-checks the WHERE on the
 * locked row), so any number of instances on one database agree without Redis.
 */
export async function acquireLease(name: string, holder: string, ttlMs: number, now: Date, db: PrismaClient = getDb()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const renewed = await db.schedulerLease.updateMany({ where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] }, data: { holder, expiresAt } });
  if (renewed.count === 1) return true;
  try {
    await db.schedulerLease.create({ data: { name, holder, expiresAt } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // held (or just taken) by another instance
    throw error;
  }
}

/** On a clean stop, let the next instance take over at once instead of after the expiry. */
export async function releaseLease(name: string, holder: string, db: PrismaClient = getDb()) {
  await db.schedulerLease.deleteMany({ where: { name, holder } });
}

/**
 * Runs `work` (creating the reminder's notifications) in one transaction with the row that says
 * the reminder `key` fired. If another run fired it first, the primary key refuses the row, the
 * whole transaction rolls back (portable: PostgreSQL aborts a transaction on a violation anyway)
 * and this returns false. So each reminder happens once, across restarts and instances.
 */
export async function fireOnce(key: string, at: Date, work: (tx: Prisma.TransactionClient) => Promise<void>, db: PrismaClient = getDb()): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      await tx.reminderFired.create({ data: { key, firedAt: at } });
      await work(tx);
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** The keys among `keys` that have already fired (so a pass skips them without trying). */
export async function firedKeys(keys: string[], db: PrismaClient = getDb()): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.reminderFired.findMany({ where: { key: { in: keys.slice(i, i + 500) } }, select: { key: true } });
    for (const r of rows) out.add(r.key);
  }
  return out;
}
