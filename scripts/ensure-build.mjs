// Builds the app (remix vite:build) when build/ is missing or older than any source it is made
// from. `npm start` and the suites that start real servers (test:pg, test:scale) call it, so a
// server never runs yesterday's app code; after `npm run build` (as in `npm test`) it does nothing.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuild(env = process.env) {
  const serverBuild = path.join(env.BUILD_DIR ?? "build", "server/index.js");
  const built = fs.existsSync(serverBuild) ? fs.statSync(serverBuild).mtimeMs : 0;
  const sources = Math.max(newestMtime("app"), newestMtime("public"), fs.statSync("vite.config.ts").mtimeMs);
  if (built >= sources) return false;
  console.log("Building the app…");
  execFileSync("npx", ["remix", "vite:build"], { stdio: "inherit", env });
  return true;
}
