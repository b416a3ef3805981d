import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, databaseUrl, dropDatabases, isPostgresUrl, testDbPrefix } from "./pg";

declare module "vitest" {
  export interface ProvidedContext {
    dbDir: string;
    /** Set when the run is on PostgreSQL (TEST_DATABASE_URL): the server URL and the template database. */
    pg: { base: string; template: string; prefix: string } | null;
  }
}

const unrefTimers = "-r ./scripts/unref-long-timers.cjs";

/**
 * Migrates one template database for this run; each test file copies it (tests/setup/worker-db.ts).
 * SQLite by default; with TEST_DATABASE_URL=postgresql://… the template is a PostgreSQL database
 * that each file clones with CREATE DATABASE … TEMPLATE. Names carry this run's pid, so runs side
 * by side never drop each other's databases.
 */
export default async function setup(project: TestProject) {
  const dir = path.resolve(`tests/.tmp/vitest-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const base = process.env.TEST_DATABASE_URL;
  if (isPostgresUrl(base)) {
    const prefix = `${testDbPrefix()}${process.pid}_`;
    const template = `${prefix}tpl`;
    await dropDatabases(base, prefix);
    await createDatabase(base, template);
    execFileSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma/postgres/prisma.config.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl(base, template), NODE_OPTIONS: unrefTimers },
      stdio: "pipe",
    });
    project.provide("dbDir", dir);
    project.provide("pg", { base, template, prefix });
    return async () => {
      await dropDatabases(base, prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "template.db")}`, NODE_OPTIONS: unrefTimers },
    stdio: "pipe",
  });
  project.provide("dbDir", dir);
  project.provide("pg", null);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
