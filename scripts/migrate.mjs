// `npm run migrate`: applies the migrations of the database DATABASE_URL names — prisma/migrations
// for SQLite (the default), prisma/postgres/migrations for postgres:// and postgresql:// URLs.
import { execFileSync } from "node:child_process";

const url = process.env.DATABASE_URL ?? "";
const postgres = /^postgres(ql)?:\/\//.test(url);
const args = ["prisma", "migrate", "deploy", ...(postgres ? ["--config", "prisma/postgres/prisma.config.ts"] : []), ...process.argv.slice(2)];
execFileSync("npx", args, { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });
