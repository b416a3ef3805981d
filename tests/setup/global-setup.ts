import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dbDir: string;
  }
}

/**
 * Migrates one template database for this run; each test file copies it (tests/setup/worker-db.ts).
 * The folder is this run's own, so runs side by side never delete each other's databases.
 */
export default function setup(project: TestProject) {
  const dir = path.resolve(`tests/.tmp/vitest-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "template.db")}`, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" },
    stdio: "pipe",
  });
  project.provide("dbDir", dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
