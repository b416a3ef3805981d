import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../setup/pg";
import { testServices } from "../../scripts/test-services.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    scale: { databaseUrl: string; redisUrl: string; runId: string };
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
  project.provide("scale", { databaseUrl: url, redisUrl: services.redisUrl as string, runId });
  return async () => {
    await dropDatabases(services.databaseUrl, prefix);
    await services.stop();
  };
}
