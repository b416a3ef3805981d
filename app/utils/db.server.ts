import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "./env.server";

const g = globalThis as unknown as { __prisma?: PrismaClient };

/**
 * One Prisma client per process. The server and the Remix build each import this module,
 * so the instance lives on globalThis rather than in module scope.
 */
export function getDb(): PrismaClient {
  if (!g.__prisma) {
    const adapter = new PrismaBetterSQLite3({ url: getEnv().DATABASE_URL });
    g.__prisma = new PrismaClient({ adapter });
  }
  return g.__prisma;
}

/**
 * WAL lets readers (overview, API) run beside the writer. In WAL mode a commit is in the log file
 * when it returns, so it survives the process being killed; SQLITE_SYNCHRONOUS=full adds an fsync
 * per commit for power loss too. Checkpoints run in the background, not in an edit's commit.
 */
export async function configureSqlite(db: PrismaClient = getDb()) {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA synchronous = ${getEnv().SQLITE_SYNCHRONOUS === "full" ? "FULL" : "NORMAL"}`);
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 20000");
}

/** Folds the WAL into the database file without blocking writers for long; run when idle. */
export async function checkpoint(db: PrismaClient = getDb()) {
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
}

export async function disconnectDb() {
  if (g.__prisma) {
    await g.__prisma.$disconnect();
    g.__prisma = undefined;
  }
}
