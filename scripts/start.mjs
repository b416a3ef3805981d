// `npm start`: build the app if needed, apply migrations, then serve (demo data is seeded on boot).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const env = { ...process.env };
env.DATABASE_URL ||= "file:./data/app.db";
env.NODE_ENV ||= "production";
const postgres = /^postgres(ql)?:\/\//.test(env.DATABASE_URL);
if (!postgres) fs.mkdirSync(path.dirname(path.resolve(env.DATABASE_URL.replace(/^file:/, ""))), { recursive: true });

const run = (cmd, args, extra = {}) => execFileSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } });

// Rebuild when the build is missing or older than any source file it is made from.
function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}
const serverBuild = path.join(process.env.BUILD_DIR ?? "build", "server/index.js");
const built = fs.existsSync(serverBuild) ? fs.statSync(serverBuild).mtimeMs : 0;
const sources = Math.max(newestMtime("app"), newestMtime("public"), fs.statSync("vite.config.ts").mtimeMs);
if (built < sources) {
  console.log("Building the app…");
  run("npx", ["remix", "vite:build"]);
}
// SQLite and PostgreSQL each have their own migrations (scripts/migrate.mjs picks them from DATABASE_URL).
run("node", ["scripts/migrate.mjs"]);

const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
