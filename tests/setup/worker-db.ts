import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createDatabase, databaseUrl } from "./pg";

// Each vitest worker (one per test file with pool "forks") gets its own copy of the migrated
// template database, so tests never see each other's rows.
const dir = inject("dbDir");
const pg = inject("pg");
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
if (pg) {
  const name = `${pg.prefix}w${suffix}`;
  await createDatabase(pg.base, name, pg.template);
  process.env.DATABASE_URL = databaseUrl(pg.base, name);
  // A handful of connections per file: a run's parallel files must fit the server's max_connections.
  process.env.DATABASE_POOL_SIZE ??= "4";
} else {
  const file = path.join(dir, `worker-${suffix}.db`);
  fs.copyFileSync(path.join(dir, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.LOGIN_RATE_LIMIT ??= "1000";
// Servers started here must not take over a job a test left "running" on purpose (the takeover
// loop runs every half lease; tests/scale covers it with short leases).
process.env.CAMPAIGN_JOB_LEASE_MS ??= "600000";
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
// Vitest sets BASE_URL="/" (Vite's public base); ours must be a full URL or unset.
if (!/^https?:\/\//.test(process.env.BASE_URL ?? "")) delete process.env.BASE_URL;
