import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

// Each vitest worker (one per test file with pool "forks") gets its own copy of the migrated
// template database, so tests never see each other's rows.
const dir = inject("dbDir");
const file = path.join(dir, `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}.db`);
fs.copyFileSync(path.join(dir, "template.db"), file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.LOGIN_RATE_LIMIT ??= "1000";
process.env.BETTER_AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
// Vitest sets BASE_URL="/" (Vite's public base); ours must be a full URL or unset.
if (!/^https?:\/\//.test(process.env.BASE_URL ?? "")) delete process.env.BASE_URL;
