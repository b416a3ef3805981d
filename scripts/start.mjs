// `npm start`: build the app if needed, apply migrations, then serve (demo data is seeded on boot)
// under a supervisor: a server that dies is logged and started again, with back-off.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "./ensure-build.mjs";

const env = { ...process.env };
env.DATABASE_URL ||= "file:./data/app.db";
env.NODE_ENV ||= "production";
const postgres = /^postgres(ql)?:\/\//.test(env.DATABASE_URL);
if (!postgres) fs.mkdirSync(path.dirname(path.resolve(env.DATABASE_URL.replace(/^file:/, ""))), { recursive: true });

const run = (cmd, args, extra = {}) => execFileSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } });

// Rebuild when the build is missing or older than any source file it is made from.
ensureBuild(env);
// SQLite and PostgreSQL each have their own migrations (scripts/migrate.mjs picks them from DATABASE_URL).
try {
  run("node", ["scripts/migrate.mjs"]);
} catch (error) {
  // migrate.mjs printed why (an unreachable PostgreSQL, say); exit as it did, without a stack trace.
  process.exit(error.status ?? 1);
}

// --- the supervisor ------------------------------------------------------------------------
/** The server exits with this when its configuration is wrong: starting it again cannot help. */
const EXIT_CONFIG = 78;
/** Back-off between restarts: 1 s, 2 s, 4 s … at most 30 s; reset once a server has run for a minute. */
const FIRST_DELAY_MS = Number(process.env.SUPERVISOR_FIRST_DELAY_MS ?? 1000);
const MAX_DELAY_MS = 30_000;
const STABLE_MS = 60_000;

// One JSON line per event, like the server's own (pino) log, so one reader sees both.
const log = (level, msg, extra = {}) =>
  process.stderr.write(`${JSON.stringify({ level: level === "error" ? 50 : 30, time: Date.now(), name: "supervisor", msg, ...extra })}\n`);

let child = null;
let stopping = false;
let delay = FIRST_DELAY_MS;
let restarts = 0;

function startServer() {
  const startedAt = Date.now();
  child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { stdio: "inherit", env });
  log("info", "server started", { pid: child.pid, restarts });
  child.on("exit", (code, signal) => {
    child = null;
    if (stopping) process.exit(code ?? 0);
    if (code === 0) process.exit(0);
    if (code === EXIT_CONFIG) {
      log("error", "server refused its configuration; not restarting", { code });
      process.exit(code);
    }
    if (Date.now() - startedAt > STABLE_MS) delay = FIRST_DELAY_MS;
    restarts++;
    log("error", "server crashed; restarting", { code, signal, uptimeMs: Date.now() - startedAt, restartInMs: delay, restarts });
    setTimeout(startServer, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    if (child) child.kill(signal);
    else process.exit(0);
  });
}
startServer();
