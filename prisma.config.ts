import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 with the wasm schema engine (engine: "js"): no engine binary is downloaded.
// The wasm engine replays migration files into the shadow DB with executeRaw, which
// better-sqlite3 limits to one statement (-> P3006): route multi-statement SQL to executeScript.
function withScriptShadow(factory: PrismaBetterSQLite3) {
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const a = await connectShadow();
    const executeRaw = a.executeRaw.bind(a);
    a.executeRaw = async (q: Parameters<typeof executeRaw>[0]) =>
      q.args.length === 0 && /;\s*\S/.test(q.sql) ? (await a.executeScript(q.sql), 0) : executeRaw(q);
    return a;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    return withScriptShadow(new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/app.db" }));
  },
});
