import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "./env.server";

const g = globalThis as unknown as { __prisma?: PrismaClient; __prismaProvider?: DbProvider };

export type DbProvider = "sqlite" | "postgresql";

/** SQLite (file:) is the default; a postgres:// or postgresql:// DATABASE_URL selects PostgreSQL. */
export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** The provider of the process-wide client, for the few raw statements that differ (see docs/decisions/030). */
export function dbProvider(): DbProvider {
  return g.__prismaProvider ?? providerOf(getEnv().DATABASE_URL);
}

/**
 * One Prisma client per process. The server and the Remix build each import this module,
 * so the instance lives on globalThis rather than in module scope.
 *
 * Prisma generates one client per provider: `@prisma/client` from prisma/schema.prisma (SQLite)
 * and `@prisma/client-pg` from the derived prisma/postgres/schema.prisma. Their model APIs are
 * the same, so the PostgreSQL one is typed as the SQLite one. It is loaded only when selected.
 */
export function getDb(): PrismaClient {
  if (!g.__prisma) {
    const url = getEnv().DATABASE_URL;
    const provider = providerOf(url);
    g.__prisma = provider === "postgresql" ? postgresClient(url) : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
    g.__prismaProvider = provider;
  }
  return g.__prisma;
}

function postgresClient(url: string): PrismaClient {
  const require = createRequire(import.meta.url);
  const { PrismaClient: PgPrismaClient } = require("@prisma/client-pg") as typeof import("@prisma/client-pg");
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const env = getEnv();
  // Fail fast instead of queueing behind a dead server: an edit is refused, never left hanging.
  const adapter = new PrismaPg({ connectionString: url, max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 });
  return new PgPrismaClient({ adapter }) as unknown as PrismaClient;
}

/**
 * SQLite only (a no-op on PostgreSQL). WAL lets readers (overview, API) run beside the writer.
 * In WAL mode a commit is in the log file when it returns, so it survives the process being
 * killed; SQLITE_SYNCHRONOUS=full adds an fsync per commit for power loss too. Checkpoints run
 * in the background, not in an edit's commit.
 */
export async function configureSqlite(db: PrismaClient = getDb()) {
  if (dbProvider() !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA synchronous = ${getEnv().SQLITE_SYNCHRONOUS === "full" ? "FULL" : "NORMAL"}`);
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 20000");
}

/** SQLite only: folds the WAL into the database file without blocking writers for long; run when idle. */
export async function checkpoint(db: PrismaClient = getDb()) {
  if (dbProvider() !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
}

/** Whether the database answers (for /readyz and the db_up gauge). */
export async function pingDb(db: PrismaClient = getDb()): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** DATABASE_URL without its password, for messages and logs. */
export function redactDbUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/** The database did not answer at start: the message says which and what to do. */
export class DatabaseUnavailableError extends Error {}

/**
 * At start: the database must answer before anything else is tried, so a wrong or unreachable
 * DATABASE_URL says so in one line instead of as the first query's stack trace.
 */
export async function requireDb(db: PrismaClient = getDb()): Promise<void> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const url = getEnv().DATABASE_URL;
    // Prisma's message starts with the invocation; its last line is the cause.
    const text = String((error as Error).message ?? error).trim();
    const cause = text.match(/Message: `([^`]+)`/)?.[1] ?? text.split("\n").filter(Boolean).pop();
    const what = dbProvider() === "postgresql" ? "PostgreSQL" : "SQLite";
    throw new DatabaseUnavailableError(
      `Không kết nối được cơ sở dữ liệu ${what} (DATABASE_URL=${redactDbUrl(url)}): ${cause}. ` +
        `Start ${what === "PostgreSQL" ? "PostgreSQL" : "with a writable data folder"} or correct DATABASE_URL (npm start tries again with back-off).`,
    );
  }
}

export async function disconnectDb() {
  if (g.__prisma) {
    await g.__prisma.$disconnect();
    g.__prisma = undefined;
    g.__prismaProvider = undefined;
  }
}
