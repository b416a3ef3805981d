// PostgreSQL and Redis for the test suites that need them (npm run test:pg, npm run test:scale).
// Given TEST_DATABASE_URL / TEST_REDIS_URL, they are used as they are. Otherwise a private
// server is started from Debian's packages (installed with apt-get if missing, as
// scripts/ensure-chromium.mjs does for Chromium) in tests/.tmp, on a free port, and stopped after.
import { execFileSync, execSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const sudo = () => (process.getuid?.() === 0 ? "" : "sudo ");
const have = (bin) => {
  try {
    execSync(`command -v ${bin}`, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
function aptInstall(pkgs) {
  console.log(`installing Debian's ${pkgs.join(", ")}…`);
  execSync(`${sudo()}apt-get update -qq && ${sudo()}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(" ")}`, { stdio: "inherit" });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, timeoutMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000}s`);
}

const canConnect = (port) =>
  new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => (s.end(), resolve(true)));
    s.on("error", () => resolve(false));
  });

/** The directory holding initdb/pg_ctl: Debian keeps them out of PATH, under /usr/lib/postgresql/<v>/bin. */
function postgresBin() {
  if (have("initdb") && have("pg_ctl")) return "";
  const root = "/usr/lib/postgresql";
  const find = () => (fs.existsSync(root) ? fs.readdirSync(root).map((v) => path.join(root, v, "bin")).find((d) => fs.existsSync(path.join(d, "initdb"))) : undefined);
  let dir = find();
  if (!dir) {
    aptInstall(["postgresql"]);
    dir = find();
  }
  if (!dir) throw new Error("PostgreSQL's initdb not found after installing Debian's postgresql");
  return dir + "/";
}

/** initdb refuses to run as root: run the server as Debian's postgres user then. */
function asServerUser(cmd, args) {
  if (process.getuid?.() !== 0) return [cmd, args];
  return ["runuser", ["-u", "postgres", "--", cmd, ...args]];
}

/**
 * A private PostgreSQL on a free port; resolves to { url, stop }. Its files go in a folder of the
 * system's temporary directory, not under the checkout: as root the server runs as Debian's
 * postgres user, who may not be able to enter the checkout's parents (a clone under /root).
 */
export async function startPostgres() {
  const bin = postgresBin();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cb-test-pg-"));
  const data = path.join(dir, "pgdata");
  fs.mkdirSync(data, { recursive: true });
  if (process.getuid?.() === 0) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const run = (cmd, args) => {
    const [c, a] = asServerUser(bin + cmd, args);
    execFileSync(c, a, { stdio: "pipe" });
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  // Throwaway test data: no fsync, so the suite measures our code rather than the disk.
  run("pg_ctl", ["-D", data, "-l", path.join(dir, "pg.log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`, "start"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: () => {
      run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function redisServerBin() {
  if (!have("redis-server")) aptInstall(["redis-server"]);
  return "redis-server";
}

/** A private redis-server on `port` (a free one by default); resolves to { url, port, stop }. */
export async function startRedis(dir, port) {
  port ??= await freePort();
  const child = spawn(redisServerBin(), ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--maxmemory-policy", "noeviction"], {
    stdio: "ignore",
  });
  await waitFor(() => canConnect(port), "redis-server");
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  return { url: `redis://127.0.0.1:${port}`, port, child, stop };
}

/** TEST_DATABASE_URL and TEST_REDIS_URL, or private servers; `stop` stops what was started here. */
export async function testServices({ redis = true } = {}) {
  const dir = path.resolve(`tests/.tmp/services-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const stops = [];
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startPostgres();
    stops.push(pg.stop);
    databaseUrl = pg.url;
    console.log(`started a private PostgreSQL at ${databaseUrl}`);
  }
  let redisUrl = process.env.TEST_REDIS_URL;
  if (redis && !redisUrl) {
    const r = await startRedis(dir);
    stops.push(r.stop);
    redisUrl = r.url;
    console.log(`started a private Redis at ${redisUrl}`);
  }
  return {
    databaseUrl,
    redisUrl,
    stop: async () => {
      for (const s of stops.reverse()) await s();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
