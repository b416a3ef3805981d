/**
 * bench/overview/pg — GET /api/v1/overview at 50,000 schools on PostgreSQL, through the real server
 * (the built app, a child process), signed in as the district office and as the Sở's observer,
 * beside the same requests at 1,000 schools in the same database and the same run.
 *   npm run bench:overview-pg [-- --schools 50000 --baseline 1000 --runs 20 --writes 0]
 * --writes N: during the calls, N boards a second of each district are projected anew by "another
 * instance" (BoardStat rewritten by this process's own connection, as a tick elsewhere would), so
 * the kept lines are re-read and re-sorted as in service (ADR 049).
 * TEST_DATABASE_URL names a PostgreSQL server to use (a database of its own is made and dropped),
 * else a private one is started (scripts/test-services.mjs).
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import pg from "pg";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../../tests/setup/pg";
import { testServices } from "../../scripts/test-services.mjs";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { startBenchInstance } from "../support/instance";
import { execFileSync } from "node:child_process";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCHOOLS = arg("schools", 50_000);
const BASELINE = arg("baseline", 1_000);
const RUNS = arg("runs", 20);
const WRITES = arg("writes", 0);
const PASSWORD = "bench-overview-2023";

ensureBuild();
const services = await testServices({ redis: false });
const prefix = `${testDbPrefix()}bench_overview_${process.pid}_`;
const dbUrl = databaseUrl(services.databaseUrl, `${prefix}db`);
await createDatabase(services.databaseUrl, `${prefix}db`);
const { BASE_URL: _b, ...inherited } = process.env;
execFileSync("node", ["scripts/migrate.mjs"], { env: { ...inherited, DATABASE_URL: dbUrl }, stdio: "ignore" });
Object.assign(process.env, { DATABASE_URL: dbUrl, LOG_LEVEL: "error" });
let child: ChildProcess | undefined;
const client = new pg.Client({ connectionString: dbUrl });
// Dropping the database at the end closes this connection from the server's side.
client.on("error", () => undefined);
await client.connect();
try {

const { getDb, disconnectDb } = await import("../../app/utils/db.server");
const { generatePg } = await import("./generate-pg");
const { signIn } = await import("../../tests/support/server");
const t0 = performance.now();
const big = await generatePg(getDb(), client, { slug: "bench-big", schools: SCHOOLS, password: PASSWORD });
const small = await generatePg(getDb(), client, { slug: "bench-small", schools: BASELINE, password: PASSWORD });
// As a database in service would be: statistics gathered, the visibility map set (autovacuum).
await client.query("VACUUM ANALYZE");
const sizes = (
  await client.query<{ t: string; rows: string; size: string }>(
    `SELECT relname AS t, n_live_tup::text AS rows, pg_size_pretty(pg_total_relation_size(relid)) AS size FROM pg_stat_user_tables
     WHERE relname IN ('School', 'Board', 'BoardStat', 'CardRow', 'ChecklistRow') ORDER BY relname`,
  )
).rows;
console.log(`generated ${SCHOOLS} + ${BASELINE} schools × 40 cards × 5 items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
console.log(sizes.map((s) => `${s.t}: ~${Number(s.rows).toLocaleString("en")} rows, ${s.size}`).join("; "));

const server = await startBenchInstance("overview", { DATABASE_URL: dbUrl, BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01" });
child = server.child;
const base = server.url;

const cookies = {
  big: { admin: await signIn(base, big.admin, PASSWORD), observer: await signIn(base, big.observer, PASSWORD) },
  small: { admin: await signIn(base, small.admin, PASSWORD), observer: await signIn(base, small.observer, PASSWORD) },
};
const campaigns = { big: big.campaignId, small: small.campaignId };

/** The common calls: the default view, the filters by level and ward, a sort, the summary. */
const QUERIES: { name: string; q: string }[] = (process.env.BENCH_QUERIES ? JSON.parse(process.env.BENCH_QUERIES) : null) ?? [
  { name: "default (ward order)", q: "" },
  { name: "level=TH", q: "&level=TH" },
  { name: "ward=bac-son", q: "&ward=bac-son" },
  { name: "level=THCS&ward=lam-ha", q: "&level=THCS&ward=lam-ha" },
  { name: "sort=progress&dir=desc", q: "&sort=progress&dir=desc" },
  { name: "status=behind", q: "&status=behind" },
  { name: "category=environment", q: "&category=environment" },
  { name: "summary only (limit=0)", q: "&limit=0" },
  { name: "third page (offset=1000)", q: "&offset=1000" },
];

async function call(size: "big" | "small", who: "admin" | "observer", q: string) {
  const start = performance.now();
  const res = await fetch(`${base}/api/v1/overview?campaignId=${campaigns[size]}${q}`, { headers: { cookie: cookies[size][who] } });
  const body = await res.text();
  const ms = performance.now() - start;
  if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 300)}`);
  return { ms, bytes: body.length, json: JSON.parse(body) as { totals: { schools: number }; schools: unknown[] } };
}

const f = (ms: number) => `${ms.toFixed(0)} ms`;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
const loadBefore = load();
// Warm-up: the server's first requests compile routes and fill PostgreSQL's cache. The first
// call of each view reads it whole (ADR 049): its time is printed apart.
const firstCalls: string[] = [];
for (const { name, q } of QUERIES) {
  for (const size of ["big", "small"] as const) {
    const { ms } = await call(size, "admin", q);
    if (name === QUERIES[0]!.name) firstCalls.push(`${size === "big" ? SCHOOLS : BASELINE}: ${f(ms)}`);
  }
}

// Another instance's projections during the calls: N boards a second per district.
const boardIds = new Map<string, string[]>();
for (const id of [big.campaignId, small.campaignId]) {
  boardIds.set(id, (await client.query<{ id: string }>(`SELECT "id" FROM "Board" WHERE "campaignId" = $1`, [id])).rows.map((r) => r.id));
}
let written = 0;
const writer = WRITES > 0
  ? setInterval(() => {
      for (const ids of boardIds.values()) {
        const pick = Array.from({ length: WRITES }, () => ids[Math.floor(Math.random() * ids.length)]!);
        written += pick.length;
        void client.query(`UPDATE "BoardStat" SET "itemsDone" = LEAST("itemsDone" + 1, "itemsTotal"), "updatedAt" = now() WHERE "boardId" = ANY($1)`, [pick]).catch(() => undefined);
      }
    }, 1000)
  : undefined;
const rssBeforeCalls = server.rss();

type Cell = { ms: number[]; bytes: number; lines: number; schools: number };
const results = new Map<string, Cell>();
// Interleaved, call after call: the machine is shared and its load drifts during a run.
for (let r = 0; r < RUNS; r++) {
  for (const { name, q } of QUERIES) {
    for (const size of ["big", "small"] as const) {
      const who = r % 2 === 0 ? "admin" : "observer";
      const { ms, bytes, json } = await call(size, who, q);
      const key = `${name}|${size}`;
      const cell = results.get(key) ?? { ms: [], bytes, lines: json.schools.length, schools: json.totals.schools };
      cell.ms.push(ms);
      results.set(key, cell);
    }
  }
}

const kb = (b: number) => (b > 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} kB`);
console.log(`\n| GET /api/v1/overview (${RUNS} calls each, admin and observer alternately) | ${BASELINE.toLocaleString("en")} schools p50 / p95 | ${SCHOOLS.toLocaleString("en")} schools p50 / p95 | lines returned / schools matched at ${SCHOOLS.toLocaleString("en")} | body at ${SCHOOLS.toLocaleString("en")} |`);
console.log(`|---|---|---|---|---|`);
for (const { name } of QUERIES) {
  const s = results.get(`${name}|small`)!;
  const b = results.get(`${name}|big`)!;
  console.log(`| ${name} | ${f(quantile(s.ms, 0.5))} / ${f(quantile(s.ms, 0.95))} | ${f(quantile(b.ms, 0.5))} / ${f(quantile(b.ms, 0.95))} | ${b.lines.toLocaleString("en")} / ${b.schools.toLocaleString("en")} | ${kb(b.bytes)} |`);
}
if (writer) clearInterval(writer);
const all = [...results.entries()].filter(([k]) => k.endsWith("|big")).flatMap(([, v]) => v.ms);
const allSmall = [...results.entries()].filter(([k]) => k.endsWith("|small")).flatMap(([, v]) => v.ms);
console.log(`\nall calls at ${SCHOOLS.toLocaleString("en")}: p50 ${f(quantile(all, 0.5))}, p95 ${f(quantile(all, 0.95))} (aim p95 ≤ 200 ms); at ${BASELINE.toLocaleString("en")}: p50 ${f(quantile(allSmall, 0.5))}, p95 ${f(quantile(allSmall, 0.95))}`);
console.log(`first call of the default view (a whole read): ${firstCalls.join(", ")}; server RSS ${rssBeforeCalls.toFixed(0)} → ${server.rss().toFixed(0)} MB over the calls${WRITES ? `; ${written.toLocaleString("en")} boards projected meanwhile (${WRITES}/s per district)` : ""}`);

// The Excel export of the whole district: its cost, and whether the server still answers meanwhile.
async function exportCost(path: string) {
  const pings: number[] = [];
  let failed = 0;
  let running = true;
  const pinger = (async () => {
    while (running) {
      const s = performance.now();
      // A failed ping counts as its time to fail (a reset socket is the client's, not a hang).
      await fetch(`${base}/healthz`).then((r) => r.text()).catch(() => (failed++, ""));
      pings.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const rssBefore = rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 100);
  const start = performance.now();
  // Five minutes at most: longer is a hung download, and the table says so.
  const res = await fetch(`${base}${path}`, { headers: { cookie: cookies.big.admin }, signal: AbortSignal.timeout(300_000) }).catch(() => null);
  const bytes = res ? (await res.arrayBuffer()).byteLength : 0;
  const ms = performance.now() - start;
  running = false;
  clearInterval(sampler);
  await pinger;
  return { status: res?.status ?? "no answer in 300 s", ms, bytes, healthMax: Math.max(...pings), healthP50: quantile(pings, 0.5), failed, rssBefore, rssPeak };
}
const rss = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child!.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // the server is gone
  }
};
if (process.env.BENCH_EXPORT !== "off") {
  console.log(`\n| export at ${SCHOOLS.toLocaleString("en")} schools | status | time | size | server RSS before → peak | /healthz meanwhile p50 / max |\n|---|---|---|---|---|---|`);
  for (const path of [`/overview/export.csv?view=schools&campaignId=${big.campaignId}`, `/overview/export.xlsx?campaignId=${big.campaignId}`]) {
    const e = await exportCost(path);
    console.log(`| ${path.split("?")[0]}${path.includes("view=") ? " (schools)" : ""} | ${e.status} | ${(e.ms / 1000).toFixed(1)} s | ${kb(e.bytes)} | ${e.rssBefore.toFixed(0)} → ${e.rssPeak.toFixed(0)} MB | ${f(e.healthP50)} / ${f(e.healthMax)}${e.failed ? ` (${e.failed} failed)` : ""} |`);
  }
}
console.log(`\n(${new Date().toISOString()}; ${os.cpus().length} cores, load average ${loadBefore} before the calls → ${load()} after)`);

await disconnectDb();
} finally {
  await client.end().catch(() => undefined);
  if (child && child.exitCode === null) {
    child.kill("SIGTERM");
    const hard = setTimeout(() => child!.kill("SIGKILL"), 30_000);
    await new Promise((r) => child!.once("exit", r));
    clearTimeout(hard);
  }
  // BENCH_KEEP=1 (with TEST_DATABASE_URL) keeps the database to look into (EXPLAIN); drop it after.
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${dbUrl}`);
  else await dropDatabases(services.databaseUrl, prefix);
  await services.stop();
}
process.exit(0);
