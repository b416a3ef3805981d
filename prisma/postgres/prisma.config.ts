/* eslint-disable @typescript-eslint/no-explicit-any -- patches pg and adapter internals for the wasm schema engine */
import path from "node:path";
import crypto from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The PostgreSQL twin of /prisma.config.ts, for the schema scripts/pg-schema.mjs derives.
// Use: DATABASE_URL=postgresql://… npx prisma migrate deploy --config prisma/postgres/prisma.config.ts

// Workaround 1 (migrations only): the wasm schema engine's introspection returns catalog columns of
// type "char"(18) / name(19), which @prisma/adapter-pg 6.19 rejects ("Column type 'name' could not
// be deserialized"). Report them as text(25). This file is loaded only by the Prisma CLI.
const TEXTLIKE = new Set([18, 19]);
const fix = (res: any) => {
  for (const f of res?.fields ?? []) if (TEXTLIKE.has(f.dataTypeID)) f.dataTypeID = 25;
  return res;
};
for (const proto of [pg.Pool.prototype, pg.Client.prototype] as any[]) {
  const orig = proto.query;
  proto.query = function (...args: any[]) {
    const r = orig.apply(this, args);
    return r && typeof r.then === "function" ? r.then(fix) : r;
  };
}

// Workaround 2: PrismaPg.connectToShadowDb() spreads {database} over the config, which a
// connectionString overrides (shadow == main DB), and drops the DB before closing its pool.
function pgMigrateAdapter(url: string) {
  const factory = new PrismaPg({ connectionString: url, allowExitOnIdle: true });
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = "/" + name;
    const adapter: any = await new PrismaPg({ connectionString: shadowUrl.toString(), allowExitOnIdle: true }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    };
    return adapter;
  };
  return factory;
}

const here = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(here, "schema.prisma"),
  migrations: { path: path.join(here, "migrations") },
  async adapter() {
    // `migrate diff` between schema files needs no database: a placeholder is never connected to.
    const url = process.env.DATABASE_URL ?? "";
    return pgMigrateAdapter(/^postgres(ql)?:\/\//.test(url) ? url : "postgresql://localhost/placeholder");
  },
});
