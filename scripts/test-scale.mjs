// `npm run test:scale`: the multi-instance suite (tests/scale). On success it writes
// tests/.tmp/scale-suite.ran, which .ci/run requires: CI fails if this suite did not run.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./ensure-build.mjs";
import fs from "node:fs";

const marker = "tests/.tmp/scale-suite.ran";
// The instances run build/ (the Remix app): never an old one.
ensureBuild();
fs.rmSync(marker, { force: true });
const status = spawnSync("npx", ["vitest", "run", "--config", "vitest.scale.config.ts", ...process.argv.slice(2)], { stdio: "inherit" }).status ?? 1;
if (status === 0 && process.argv.length === 2) {
  fs.mkdirSync("tests/.tmp", { recursive: true });
  fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
}
process.exit(status);
