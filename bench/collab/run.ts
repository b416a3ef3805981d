/**
 * bench/collab — edit propagation through the full stack (session auth, validation, durable log,
 * broadcast) beside a bare in-memory y-protocols relay, in the same run, with the same clients.
 *   npm run bench:collab            (needs a build: npm run build)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { startRelay } from "./relay";

const dir = path.resolve("bench/.tmp/collab");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${dir}/bench.db`;
process.env.LOG_LEVEL = "error";
process.env.DEMO_DATA = "off";
process.env.NODE_ENV = "production";
process.env.LOGIN_RATE_LIMIT = "100000";
// The observers are all one person; a real person is held to 20 sockets.
process.env.COLLAB_SOCKETS_PER_USER = "100000";
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });

const { startServer } = await import("../../server/index");
const { seedIfEmpty } = await import("../../prisma/seed-data");
const { getDb } = await import("../../app/utils/db.server");
const { measureEdits, quantile } = await import("../support/edits");
const { signIn } = await import("../../tests/support/server");
const { loadBoardDoc } = await import("../../app/models/board.server");

await seedIfEmpty(getDb());
const server = await startServer({ port: 0 });
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: "th-bac-son" }, campaign: { status: "active" } } })).id;
const initialState = Y.encodeStateAsUpdate(await loadBoardDoc(board));
const relay = await startRelay(() => initialState);
const writerId = (await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } })).id;
const cookies = {
  writer: await signIn(server.url, "giaovien.th-bac-son@kienan.demo"),
  reader: await signIn(server.url, "hieutruong.th-bac-son@kienan.demo"),
};

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

const writer = { cookie: cookies.writer, userId: writerId };
async function measure(baseUrl: string, observers: number, edits: number) {
  const warm = await measureEdits({ writerUrl: baseUrl, observersUrl: baseUrl, board, writer, observerCookie: cookies.reader, observers, edits });
  return { p50: quantile(warm, 0.5), p99: quantile(warm, 0.99) };
}

const rows: string[] = [];
for (const [label, observers, edits] of [["two clients", 1, 500], ["1 writer → 100 observers", 100, 200]] as const) {
  const relayFig = await measure(relay.url, observers, edits);
  const ours = await measure(server.url, observers, edits);
  const ratio = ours.p50 / relayFig.p50;
  rows.push(`| ${label} | ${fmt(relayFig.p50)} / ${fmt(relayFig.p99)} | ${fmt(ours.p50)} / ${fmt(ours.p99)} | ${ratio.toFixed(2)}× |`);
}
const logged = await getDb().boardUpdate.count({ where: { boardId: board } });
console.log("\n| scenario | bare relay p50 / p99 | Campaign Board p50 / p99 | p50 ratio |\n|---|---|---|---|");
for (const r of rows) console.log(r);
console.log(`\n(${logged} updates in the durable log after the run; ${new Date().toISOString()})`);
await relay.close();
await server.close();
process.exit(0);
