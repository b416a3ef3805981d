/**
 * bench/scale — several instances on one PostgreSQL and one Redis (real child processes).
 *   npm run bench:scale   (TEST_DATABASE_URL / TEST_REDIS_URL, else private servers; BENCH_IDLE=2000)
 * 1. One writer on A → 100 observers on B, beside the same 100 observers on A (one instance), p50/p99
 *    of "until every observer has applied the edit".
 * 2. Idle connections spread over A and B: memory per connection (RSS of the instances).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import WebSocket from "ws";
import { createDatabase, databaseUrl, dropDatabases, testDbPrefix } from "../../tests/setup/pg";
import { freePort, testServices } from "../../scripts/test-services.mjs";

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
const { decodeBoard, setChecklistItemDone } = await import("../../app/domain");
const { connectBoard, synced, eventually } = await import("../../tests/support/collab-client");
const { signIn } = await import("../../tests/support/server");

async function instance(name: string) {
  const port: number = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...inherited, DATABASE_URL: dbUrl, REDIS_URL: services.redisUrl, REDIS_PREFIX: `cbbench:${process.pid}:`, INSTANCES: "2", INSTANCE_ID: name, PORT: String(port), HOST: "127.0.0.1", BASE_URL: `http://127.0.0.1:${port}`, DEMO_DATA: "off", LOG_LEVEL: "error", NODE_ENV: "production", LOGIN_RATE_LIMIT: "100000", BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if ((await fetch(`${url}/readyz`)).status !== 200) throw new Error("not ready");
  }, 60_000);
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;
  return { url, child, rss };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const [a, b] = await Promise.all([instance("A"), instance("B")]);
const school = "th-bac-son";
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: school } } })).id;
const writerId = (await getDb().user.findUniqueOrThrow({ where: { email: `giaovien.${school}@kienan.demo` } })).id;
const writerCookie = await signIn(a.url, `giaovien.${school}@kienan.demo`);
const readerCookie = await signIn(a.url, `hieutruong.${school}@kienan.demo`);

async function fanOut(observersOn: string, observers: number, edits: number) {
  const writer = connectBoard(a.url, board, writerCookie);
  const readers = Array.from({ length: observers }, () => connectBoard(observersOn, board, readerCookie));
  await Promise.all([writer, ...readers].map((c) => synced(c.provider)));
  const card = decodeBoard(writer.doc).cards.find((c) => c.checklist.length > 0)!;
  const item = card.checklist[0]!;
  const latencies: number[] = [];
  for (let i = 0; i < edits; i++) {
    let pending = observers;
    const done = new Promise<void>((resolve) => {
      for (const r of readers) r.doc.once("update", () => --pending === 0 && resolve());
    });
    const t0 = performance.now();
    setChecklistItemDone(writer.doc, card.id, item.id, i % 2 === 0, { userId: writerId, at: new Date() });
    await done;
    latencies.push(performance.now() - t0);
  }
  for (const c of [writer, ...readers]) c.provider.destroy();
  const warm = latencies.slice(Math.floor(edits * 0.1));
  return { p50: quantile(warm, 0.5), p99: quantile(warm, 0.99) };
}

const edits = Number(process.env.BENCH_EDITS ?? 150);
const one = await fanOut(a.url, 100, edits);
const two = await fanOut(b.url, 100, edits);
console.log("\n| 1 writer → 100 observers | p50 | p99 |\n|---|---|---|");
console.log(`| one instance (writer and observers on A) | ${fmt(one.p50)} | ${fmt(one.p99)} |`);
console.log(`| two instances (writer on A, observers on B, through Redis) | ${fmt(two.p50)} | ${fmt(two.p99)} |`);

// Idle connections: raw WebSockets that sync and then stay silent, half on each instance, over 20 boards.
const idle = Number(process.env.BENCH_IDLE ?? 2000);
const boards = (await getDb().board.findMany({ take: 20, select: { id: true, school: { select: { slug: true } } } })).map((x) => x.id);
const before = [a.rss(), b.rss()];
const sockets: WebSocket[] = [];
for (let i = 0; i < idle; i++) {
  const target = i % 2 === 0 ? a.url : b.url;
  const ws = new WebSocket(`${target.replace("http", "ws")}/collab/${boards[i % boards.length]}`, { headers: { cookie: readerCookie } });
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  }).catch(() => undefined);
}
await new Promise((r) => setTimeout(r, 3000)); // let the instances settle (GC) before reading RSS
const after = [a.rss(), b.rss()];
const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
const perConn = (after[0]! - before[0]! + after[1]! - before[1]!) / open;
console.log(`\n| idle connections | open | RSS A before → after | RSS B before → after | MB per connection |\n|---|---|---|---|---|`);
console.log(`| ${idle} over 2 instances | ${open} | ${before[0]!.toFixed(0)} → ${after[0]!.toFixed(0)} MB | ${before[1]!.toFixed(0)} → ${after[1]!.toFixed(0)} MB | ${perConn.toFixed(4)} |`);
console.log(`\n(${new Date().toISOString()}; shared 2-core machine)`);
for (const s of sockets) s.terminate();
for (const i of [a, b]) i.child.kill("SIGTERM");
await Promise.all([a, b].map((i) => new Promise((r) => i.child.once("exit", r))));
await disconnectDb();
await dropDatabases(services.databaseUrl, prefix);
await services.stop();
process.exit(0);
