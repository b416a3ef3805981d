/**
 * bench/scale — several instances on one PostgreSQL and one Redis (real child processes).
 *   npm run bench:scale   (TEST_DATABASE_URL / TEST_REDIS_URL, else private servers)
 *   BENCH_EDITS=60 (edits per fan-out run), BENCH_ROUNDS=4, BENCH_WARMUP=1 (rounds of each path first, not counted),
 *   BENCH_OBSERVERS=100, BENCH_IDLE=10000 (idle sockets in all)
 * (Idle first, on instances that have served nothing else yet; then the fan-out.)
 * 1. One writer on A → observers on B (through Redis), beside its baseline in the same run: the same
 *    observers on A (one instance), the two alternating round after round. p50/p99 of "until every
 *    observer has applied the edit".
 * 2. Idle connections spread over A and B: per instance, open sockets (its /metrics), RSS before →
 *    after and MB per connection, and its PostgreSQL connections (pg_stat_activity, by application_name).
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import WebSocket from "ws";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../../tests/setup/pg";
import { testServices } from "../../scripts/test-services.mjs";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { loadAverage, measureEdits, quantile } from "../support/edits";
import { startBenchInstance } from "../support/instance";

ensureBuild();
const services = await testServices();
const prefix = `${testDbPrefix()}bench_${process.pid}_`;
const dbUrl = databaseUrl(services.databaseUrl, `${prefix}db`);
await createDatabase(services.databaseUrl, `${prefix}db`);
const { BASE_URL: _b, ...inherited } = process.env;
const env = { ...inherited, DATABASE_URL: dbUrl, LOG_LEVEL: "error", NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" };
execFileSync("node", ["scripts/migrate.mjs"], { env, stdio: "ignore" });
execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env, stdio: "ignore" });
Object.assign(process.env, { DATABASE_URL: dbUrl, LOG_LEVEL: "error", BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01" });
delete process.env.BASE_URL;

const { getDb, disconnectDb } = await import("../../app/utils/db.server");
const { signIn } = await import("../../tests/support/server");

const appName = (name: string) => `bench-${process.pid}-${name}`;
function instance(name: string) {
  const url = new URL(dbUrl);
  url.searchParams.set("application_name", appName(name));
  return startBenchInstance(name, {
    DATABASE_URL: url.toString(),
    REDIS_URL: services.redisUrl,
    REDIS_PREFIX: `cbbench:${process.pid}:`,
    INSTANCES: "2",
    INSTANCE_ID: name,
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET,
  });
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const load = loadAverage;

const [a, b] = await Promise.all([instance("A"), instance("B")]);
const school = "th-bac-son";
// The open campaign's board (the seed's 2023 campaign is closed, its boards read-only).
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: school }, campaign: { status: "active" } } })).id;
const writerId = (await getDb().user.findUniqueOrThrow({ where: { email: `giaovien.${school}@kienan.demo` } })).id;
const writerCookie = await signIn(a.url, `giaovien.${school}@kienan.demo`);
const readerCookie = await signIn(a.url, `hieutruong.${school}@kienan.demo`);

const writer = { cookie: writerCookie, userId: writerId };
const fanOut = (observersOn: string, observers: number, edits: number) =>
  measureEdits({ writerUrl: a.url, observersUrl: observersOn, board, writer, observerCookie: readerCookie, observers, edits });

// Idle connections: raw WebSockets that open and then stay silent, half on each instance, over 20
// boards, as the district officer (who may read every board).
const idle = Number(process.env.BENCH_IDLE ?? 10_000);
const officer = await signIn(a.url, "phong.gddt@kienan.demo");
const boards = (await getDb().board.findMany({ where: { campaign: { status: "active" } }, take: 20, select: { id: true } })).map((x) => x.id);
const pgConnections = async () => {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query<{ application_name: string; n: string; idle: string }>(
    "SELECT application_name, count(*) AS n, count(*) FILTER (WHERE state = 'idle') AS idle FROM pg_stat_activity WHERE application_name = ANY($1) GROUP BY 1",
    [[appName("A"), appName("B")]],
  );
  await c.end();
  return Object.fromEntries(rows.map((r) => [r.application_name, `${r.n} (${r.idle} idle)`]));
};
const settle = () => new Promise((r) => setTimeout(r, 5000)); // let the instances settle (GC) before reading RSS
const heap = async () => [await a.metric("campaign_board_nodejs_heap_size_used_bytes"), await b.metric("campaign_board_nodejs_heap_size_used_bytes")].map((x) => x / 2 ** 20);
// The 20 rooms loaded first on both instances (one socket each, kept), so the figure is the connections'.
const warm = boards.flatMap((id) => [a.url, b.url].map((u) => new WebSocket(`${u.replace("http", "ws")}/collab/${id}`, { headers: { cookie: officer } })));
await Promise.all(warm.map((ws) => new Promise((r) => ws.once("open", r))));
await settle();
const before = [a.rss(), b.rss()];
const heapBefore = await heap();
const sockets: WebSocket[] = [];
const t0 = performance.now();
const openOne = (i: number) =>
  new Promise<void>((resolve) => {
    const target = i % 2 === 0 ? a.url : b.url;
    const ws = new WebSocket(`${target.replace("http", "ws")}/collab/${boards[i % boards.length]}`, { headers: { cookie: officer } });
    sockets.push(ws);
    ws.once("open", () => resolve());
    ws.once("error", () => resolve());
    ws.once("close", () => resolve());
  });
// 50 handshakes in flight at a time.
for (let i = 0; i < idle; i += 50) await Promise.all(Array.from({ length: Math.min(50, idle - i) }, (_, k) => openOne(i + k)));
const openMs = performance.now() - t0;
await settle();
const after = [a.rss(), b.rss()];
const heapAfter = await heap();
const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
const conns = [await a.metric("collab_connections"), await b.metric("collab_connections")].map((n) => n - boards.length);
const pgc = await pgConnections();
console.log(`\n| ${idle} idle connections over 2 instances | sockets open (its /metrics) | RSS before → after | MB per connection (RSS) | JS heap used before → after | MB per connection (heap) | PostgreSQL connections |\n|---|---|---|---|---|---|---|`);
for (const [k, inst] of [a, b].entries()) {
  console.log(`| instance ${inst.name} | ${conns[k]} | ${before[k]!.toFixed(0)} → ${after[k]!.toFixed(0)} MB | ${((after[k]! - before[k]!) / conns[k]!).toFixed(4)} | ${heapBefore[k]!.toFixed(0)} → ${heapAfter[k]!.toFixed(0)} MB | ${((heapAfter[k]! - heapBefore[k]!) / conns[k]!).toFixed(4)} | ${pgc[appName(inst.name)] ?? 0} |`);
}
console.log(`| both | ${open} open of ${idle}, opened in ${(openMs / 1000).toFixed(1)} s | ${(before[0]! + before[1]!).toFixed(0)} → ${(after[0]! + after[1]!).toFixed(0)} MB | ${((after[0]! - before[0]! + after[1]! - before[1]!) / open).toFixed(4)} | ${(heapBefore[0]! + heapBefore[1]!).toFixed(0)} → ${(heapAfter[0]! + heapAfter[1]!).toFixed(0)} MB | ${((heapAfter[0]! - heapBefore[0]! + heapAfter[1]! - heapBefore[1]!) / open).toFixed(4)} | |`);
for (const s of [...sockets, ...warm]) s.terminate();
const edits = Number(process.env.BENCH_EDITS ?? 60);
const observers = Number(process.env.BENCH_OBSERVERS ?? 100);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const loadBefore = load();
// Baseline and cross-instance alternate, round after round: the machine is shared and its load
// drifts during a run, so each gets the same share of the quiet and the busy moments.
// A warm-up round of each path first, not counted: the instances have served nothing yet, and the
// first dozen edits after a process starts run through code V8 has not optimised (20–50 ms here),
// which is the process's start, not the steady fan-out the aim is about. Printed, not hidden.
const warmups = Number(process.env.BENCH_WARMUP ?? 1);
const warmRounds: string[] = [];
for (let r = 0; r < warmups; r++) {
  const one = await fanOut(a.url, observers, edits);
  const two = await fanOut(b.url, observers, edits);
  warmRounds.push(`${fmt(quantile(one, 0.5))} / ${fmt(quantile(one, 0.99))}, ${fmt(quantile(two, 0.5))} / ${fmt(quantile(two, 0.99))}`);
}
const oneAll: number[] = [];
const twoAll: number[] = [];
const perRound: string[] = [];
for (let r = 0; r < rounds; r++) {
  const one = await fanOut(a.url, observers, edits);
  const two = await fanOut(b.url, observers, edits);
  oneAll.push(...one);
  twoAll.push(...two);
  perRound.push(`${fmt(quantile(one, 0.5))} / ${fmt(quantile(two, 0.5))}`);
}
console.log(`\n| 1 writer → ${observers} observers, ${rounds} rounds × ${edits} edits each | p50 | p99 |\n|---|---|---|`);
console.log(`| baseline: one instance (writer and observers on A) | ${fmt(quantile(oneAll, 0.5))} | ${fmt(quantile(oneAll, 0.99))} |`);
console.log(`| two instances (writer on A, observers on B, through Redis) | ${fmt(quantile(twoAll, 0.5))} | ${fmt(quantile(twoAll, 0.99))} |`);
console.log(`(p50 per round, one / two instances: ${perRound.join("; ")}; load average ${loadBefore} → ${load()})`);
if (warmRounds.length) console.log(`(warm-up, not counted, p50 / p99 one instance, two instances: ${warmRounds.join("; ")})`);
console.log(`\n(${new Date().toISOString()}; shared 2-core machine, load average now ${load()})`);
await Promise.all([a, b].map((i) => i.stop()));
await disconnectDb();
await dropDatabases(services.databaseUrl, prefix);
await services.stop();
process.exit(0);
