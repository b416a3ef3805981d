// `npm run migrate`: applies the migrations of the database DATABASE_URL names — prisma/migrations
// for SQLite (the default), prisma/postgres/migrations for postgres:// and postgresql:// URLs.
import { spawnSync } from "node:child_process";

const url = process.env.DATABASE_URL ?? "";
const postgres = /^postgres(ql)?:\/\//.test(url);
const args = ["prisma", "migrate", "deploy", ...(postgres ? ["--config", "prisma/postgres/prisma.config.ts"] : []), ...process.argv.slice(2)];
const { status } = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });
if (status !== 0) {
  // Prisma said why above (for example "Can't reach database server at …"): no stack trace after it.
  console.error(`Không áp dụng được migration (${postgres ? "PostgreSQL" : "SQLite"}): see Prisma's message above. Migrations were not applied.`);
  process.exit(status ?? 1);
}
