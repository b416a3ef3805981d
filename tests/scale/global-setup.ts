import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../setup/pg";
import { testServices } from "../../scripts/test-services.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** `schools`: demo schools whose boards have the most open checklist items; each test takes its own. */
    scale: { databaseUrl: string; redisUrl: string; runId: string; schools: string[] };
  }
}

/**
 * One PostgreSQL database (migrated, demo data seeded) and one Redis for the multi-instance suite:
 * TEST_DATABASE_URL / TEST_REDIS_URL if given, else private servers (scripts/test-services.mjs).
 */
export default async function setup(project: TestProject) {
  const services = await testServices();
  const runId = `${process.pid}`;
  const prefix = `${testDbPrefix()}scale_${runId}_`;
  const name = `${prefix}db`;
  await dropDatabases(services.databaseUrl, prefix);
  await createDatabase(services.databaseUrl, name);
  const url = databaseUrl(services.databaseUrl, name);
  const { BASE_URL: _viteBase, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: url, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs", LOG_LEVEL: "warn" };
  execFileSync("node", ["scripts/migrate.mjs"], { env, stdio: "pipe" });
  execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env, stdio: "pipe" });
  project.provide("scale", { databaseUrl: url, redisUrl: services.redisUrl as string, runId, schools: await roomyBoards(url) });
  return async () => {
    await dropDatabases(services.databaseUrl, prefix);
    await services.stop();
  };
}

/** Demo schools ordered by open checklist items (ones that need no evidence: a test ticks them) on their open campaign's board (the demo seeds some progress), most first. */
async function roomyBoards(url: string): Promise<string[]> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, BASE_URL: process.env.BASE_URL };
  process.env.DATABASE_URL = url;
  // Vitest sets BASE_URL="/" (Vite's public base); the app's env wants a full URL or none.
  delete process.env.BASE_URL;
  const { getDb, disconnectDb } = await import("~/utils/db.server");
  const { readStoredBoard } = await import("~/models/board.server");
  const { decodeBoard } = await import("~/domain");
  try {
    // The open campaign's boards only (one per school): the tests edit those (the seed's 2023 campaign is closed).
    const boards = await getDb().board.findMany({ where: { campaign: { status: "active" } }, select: { id: true, school: { select: { slug: true } } } });
    const open = await Promise.all(
      boards.map(async (b) => ({ slug: b.school.slug, n: decodeBoard((await readStoredBoard(b.id)).doc).cards.flatMap((c) => c.checklist.filter((i) => !i.done && !i.needsEvidence)).length })),
    );
    return open.filter((o) => o.n >= 8).sort((a, b) => b.n - a.n || a.slug.localeCompare(b.slug)).map((o) => o.slug);
  } finally {
    await disconnectDb();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
