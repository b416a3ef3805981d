/**
 * bench/collab/observers — one instance of the full stack beside the bare relay, 1 writer and
 * 100 observers living in this process while each server runs in its own (issue 12).
 *   npm run bench:observers
 *   BENCH_ROUNDS=6 BENCH_EDITS=100 BENCH_OBSERVERS=100
 *   BENCH_PROFILE=dir   (node --cpu-prof on both server processes, profiles written to dir)
 * Ours: server/index.ts on the built app, SQLite (the default), session-authenticated upgrades,
 * validation, durable append, broadcast. Baseline: bench/collab/relay.ts in a process of its own,
 * from the same board state. Rounds alternate (relay, ours, ours, relay, …) on this shared machine;
 * p50/p99 pooled over the rounds, the first 10 % of each round left out as warm-up; and each
 * server process's CPU time per edit over its rounds (what the machine's load disturbs least).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { cpuMs, loadAverage, measureEdits, quantile } from "../support/edits";
import { startBenchInstance } from "../support/instance";
import { startRelayProcess } from "./relay";

ensureBuild();
const dir = path.resolve("bench/.tmp/observers");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const env = {
  DATABASE_URL: `file:${dir}/bench.db`,
  LOG_LEVEL: "error",
  DEMO_DATA: "off",
  BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
};
Object.assign(process.env, env);
delete process.env.BASE_URL;
const setupEnv = { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" };
execFileSync("node", ["scripts/migrate.mjs"], { env: setupEnv, stdio: "ignore" });
execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: setupEnv, stdio: "ignore" });

const { getDb, disconnectDb } = await import("../../app/utils/db.server");
const { loadBoardDoc } = await import("../../app/models/board.server");
const { signIn } = await import("../../tests/support/server");

const school = "th-bac-son";
// The open campaign's board (the seed's 2023 campaign is closed, its boards read-only).
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: school }, campaign: { status: "active" } } })).id;
const writerId = (await getDb().user.findUniqueOrThrow({ where: { email: `giaovien.${school}@kienan.demo` } })).id;
const stateFile = path.join(dir, "board.state");
fs.writeFileSync(stateFile, Y.encodeStateAsUpdate(await loadBoardDoc(board)));
await disconnectDb();

const profile = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : null;
// One folder per server: node writes a profile per thread (tsx's loader has one); the main thread's is the largest.
const profArgs = (name: string) => (profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profile, name)}`] : []);
const ours = await startBenchInstance("ours", env, profArgs("ours"));
const relay = await startRelayProcess(stateFile, profArgs("relay"));
const writer = { cookie: await signIn(ours.url, `giaovien.${school}@kienan.demo`), userId: writerId };
const observerCookie = await signIn(ours.url, `hieutruong.${school}@kienan.demo`);

const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const edits = Number(process.env.BENCH_EDITS ?? 100);
const observers = Number(process.env.BENCH_OBSERVERS ?? 100);
const targets = [
  { name: "relay", url: relay.url, pid: relay.child.pid!, all: [] as number[], cpu: 0, p50s: [] as string[] },
  { name: "ours", url: ours.url, pid: ours.child.pid!, all: [] as number[], cpu: 0, p50s: [] as string[] },
];
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const loadBefore = loadAverage();
for (let r = 0; r < rounds; r++) {
  // relay, ours | ours, relay | …: each gets the same share of the machine's quiet and busy moments.
  for (const t of r % 2 === 0 ? targets : [...targets].reverse()) {
    let cpu0 = 0;
    if (process.env.BENCH_VERBOSE) console.error(`round ${r + 1}: ${t.name}`);
    const latencies = await measureEdits({ writerUrl: t.url, observersUrl: t.url, board, writer, observerCookie, observers, edits, onReady: () => (cpu0 = cpuMs(t.pid)) });
    t.cpu += cpuMs(t.pid) - cpu0;
    t.all.push(...latencies);
    t.p50s.push(fmt(quantile(latencies, 0.5)));
  }
}
const loadAfter = loadAverage();
const [base, full] = targets as [(typeof targets)[0], (typeof targets)[0]];
console.log(`\n| 1 writer → ${observers} observers out of process, ${rounds} rounds × ${edits} edits | p50 | p99 | server CPU per edit |\n|---|---|---|---|`);
for (const t of targets) console.log(`| ${t.name === "relay" ? "bare relay (baseline)" : "Campaign Board, one instance (SQLite)"} | ${fmt(quantile(t.all, 0.5))} | ${fmt(quantile(t.all, 0.99))} | ${(t.cpu / (rounds * edits)).toFixed(2)} ms |`);
console.log(`| ratio | ${(quantile(full.all, 0.5) / quantile(base.all, 0.5)).toFixed(2)}× | ${(quantile(full.all, 0.99) / quantile(base.all, 0.99)).toFixed(2)}× | ${(full.cpu / base.cpu).toFixed(2)}× |`);
console.log(`(p50 per round, relay / ours: ${base.p50s.map((p, i) => `${p} / ${full.p50s[i]}`).join("; ")})`);
console.log(`(load average ${loadBefore} → ${loadAfter}; ${new Date().toISOString()}; ${process.env.BENCH_NOTE ?? ""})`);
await Promise.all([ours.stop(), relay.stop()]);
if (profile) console.log(`profiles in ${profile}`);
process.exit(0);
