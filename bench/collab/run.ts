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
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });

const { startServer } = await import("../../server/index");
const { seedIfEmpty } = await import("../../prisma/seed-data");
const { getDb } = await import("../../app/utils/db.server");
const { decodeBoard, setChecklistItemDone } = await import("../../app/domain");
const { connectBoard, synced } = await import("../../tests/support/collab-client");
const { signIn } = await import("../../tests/support/server");
const { loadBoardDoc } = await import("../../app/models/board.server");

await seedIfEmpty(getDb());
const server = await startServer({ port: 0 });
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: "th-bac-son" } } })).id;
const initialState = Y.encodeStateAsUpdate(await loadBoardDoc(board));
const relay = await startRelay(() => initialState);
const writerId = (await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } })).id;
const cookies = {
  writer: await signIn(server.url, "giaovien.th-bac-son@kienan.demo"),
  reader: await signIn(server.url, "hieutruong.th-bac-son@kienan.demo"),
};

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** One writer ticks/unticks an item `edits` times; latency = until every observer has applied it. */
async function measure(baseUrl: string, observers: number, edits: number) {
  const writer = connectBoard(baseUrl, board, cookies.writer);
  const readers = Array.from({ length: observers }, () => connectBoard(baseUrl, board, cookies.reader));
  await Promise.all([writer, ...readers].map((c) => synced(c.provider)));
  const card = decodeBoard(writer.doc).cards.find((c) => c.checklist.length > 0)!;
  const item = card.checklist[0];
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
