import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Migrates one template database; each test worker copies it (tests/setup/worker-db.ts). */
export default function setup() {
  const dir = path.resolve("tests/.tmp/vitest");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}`, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" },
    stdio: "pipe",
  });
  process.env.CB_TEMPLATE_DB = template;
}
