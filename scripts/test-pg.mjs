// `npm run test:pg`: the tests that touch the database (tests/integration, tests/collab), again on
// PostgreSQL. Uses TEST_DATABASE_URL if given, else a private PostgreSQL (scripts/test-services.mjs).
// Also checks that prisma/postgres/migrations produce exactly prisma/postgres/schema.prisma.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./ensure-build.mjs";
import { testServices } from "./test-services.mjs";

// The integration tests start servers that run build/: never an old one.
ensureBuild();
const services = await testServices({ redis: false });
let status = 0;
try {
  const env = { ...process.env, TEST_DATABASE_URL: services.databaseUrl };
  const drift = spawnSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", "prisma/postgres/prisma.config.ts", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--exit-code"],
    { env: { ...env, DATABASE_URL: services.databaseUrl, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" }, encoding: "utf8" },
  );
  if (drift.status !== 0) {
    console.error(drift.stdout, drift.stderr);
    console.error(
      drift.status === 2
        ? "prisma/postgres/migrations do not match prisma/postgres/schema.prisma: add a PostgreSQL migration (docs/deploy.md, 'Schema changes')."
        : "could not compare the PostgreSQL migrations with the schema",
    );
    status = 1;
  } else {
    // The group-committed log is SQLite's own (PostgreSQL appends inside the board's lock
    // transaction, tested by the rest of tests/collab): its file is left out, not skipped.
    const args = ["vitest", "run", "tests/integration", "tests/collab", "--exclude", "tests/collab/append-log.test.ts", ...process.argv.slice(2)];
    status = spawnSync("npx", args, { env, stdio: "inherit" }).status ?? 1;
  }
} finally {
  await services.stop();
}
process.exit(status);
