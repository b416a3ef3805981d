/**
 * bench/security/zip-bomb — what a 2 MB workbook whose sheet inflates to 500 MB costs the server.
 *   npm run bench:zip-bomb [-- --mb 500 --baseline-seconds 40]
 * Ours: the real server (the Remix build, in a child process on loopback) receives the upload;
 * time to the refusal and the server's peak RSS (sampled from /proc) are measured, alone and two
 * at once. Baseline: the old path — exceljs reading the same file on the main thread, in a child
 * process, stopped after --baseline-seconds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { makeBomb } from "../../tests/support/zip-bomb";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MB = arg("mb", 500);
const BASELINE_SECONDS = arg("baseline-seconds", 40);
const PORT = arg("port", 3391);

const dir = path.resolve("bench/.tmp/zip-bomb");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const rssMb = (pid: number) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

/** Samples a process's RSS every 10 ms while `fn` runs. */
async function sampled<T>(pid: number, fn: () => Promise<T>) {
  const before = rssMb(pid);
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, before, peak: Math.max(peak, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

const bomb = await makeBomb({ inflatedMb: MB });
const lying = await makeBomb({ inflatedMb: MB, declaredBytes: 1024 });
const bombFile = path.join(dir, "bomb.xlsx");
fs.writeFileSync(bombFile, bomb);
console.log(`bomb: ${(bomb.length / 1024 / 1024).toFixed(2)} MB on disk, sheet inflates to ${MB} MB`);

// --- baseline: the old path, exceljs on the main thread -----------------------------------
async function baseline() {
  const code = `const E=require("exceljs");const b=require("fs").readFileSync(${JSON.stringify(bombFile)});new E.Workbook().xlsx.load(b).then(()=>process.exit(0),()=>process.exit(2));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: "ignore" });
  const kill = setTimeout(() => child.kill("SIGKILL"), BASELINE_SECONDS * 1000);
  const { result: exitCode, ms, peak } = await sampled(child.pid!, () => exited(child));
  clearTimeout(kill);
  const outcome = exitCode === 0 ? "parsed" : exitCode === null ? `still going after ${BASELINE_SECONDS} s (killed)` : `died (exit ${exitCode})`;
  return { ms, peak, outcome };
}

// --- ours: the real server --------------------------------------------------------------------
const dbFile = path.join(dir, "bench.db");
const sqlite = new Database(dbFile);
sqlite.pragma("journal_mode = WAL");
for (const m of fs.readdirSync("prisma/migrations").filter((d) => /^\d/.test(d)).sort()) {
  sqlite.exec(fs.readFileSync(path.join("prisma/migrations", m, "migration.sql"), "utf8"));
}
sqlite.close();

const base = `http://127.0.0.1:${PORT}`;
const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: `file:${dbFile}`, BASE_URL: base, LOG_LEVEL: "error", DEMO_DATA: "on", NODE_ENV: "production" },
  stdio: ["ignore", "inherit", "inherit"],
});
try {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 600) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email: "phong.gddt@kienan.demo", password: "kienan-2023" }),
  });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const upload = async (bytes: Buffer) => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)]), "bom.xlsx");
    const res = await fetch(`${base}/api/v1/admin/imports`, { method: "POST", headers: { cookie, origin: base }, body: form });
    const body = (await res.json()) as { issues: { code: string }[] };
    return `${res.status} ${body.issues.map((i) => i.code).join(",")}`;
  };
  await upload(await makeBomb({ inflatedMb: 1 })); // warm the route and the worker path once

  const rows: string[][] = [];
  const row = (what: string, r: { ms: number; before: number; peak: number }, answer: string) =>
    rows.push([what, `${(r.ms / 1000).toFixed(2)} s`, `${r.peak.toFixed(0)} MB`, `+${(r.peak - r.before).toFixed(0)} MB`, answer]);

  const one = await sampled(server.pid!, () => upload(bomb));
  row("ours: one bomb (honest sizes)", one, one.result);
  const liar = await sampled(server.pid!, () => upload(lying));
  row("ours: one bomb (sizes lie)", liar, liar.result);
  const two = await sampled(server.pid!, () => Promise.all([upload(bomb), upload(lying)]));
  row("ours: two at once", two, two.result.join(" / "));
  const alive = await fetch(`${base}/healthz`).then((r) => r.status, () => 0);

  const old = await baseline();
  rows.push(["baseline: exceljs on the main thread", `${(old.ms / 1000).toFixed(2)} s`, `${old.peak.toFixed(0)} MB`, "—", old.outcome]);

  console.log("\n| path | time to answer | peak RSS | RSS growth | answer |\n|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log(`\nserver alive afterwards: ${alive === 200 ? "yes" : "NO"} (GET /healthz → ${alive})`);
} finally {
  server.kill("SIGTERM");
  await exited(server);
}
