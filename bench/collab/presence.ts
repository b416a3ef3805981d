/**
 * bench/collab/presence — awareness messages each client receives per presence change, with N
 * clients on one board, through the real server beside the old per-connection broadcast.
 *   npm run bench:presence            (needs a build: npm run build)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { startOldPresenceRelay } from "./presence-baseline";

const dir = path.resolve("bench/.tmp/presence");
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
const { signIn } = await import("../../tests/support/server");
const { frames } = await import("../../tests/security/collab-support");

await seedIfEmpty(getDb());
// 60 sockets of one person would meet the per-person cap (20): lifted for the bench.
const server = await startServer({ port: 0, collab: { limits: { socketsPerUser: 1000 } } });
const relay = await startOldPresenceRelay();
const board = (await getDb().board.findFirstOrThrow({ where: { school: { slug: "th-bac-son" } } })).id;
const cookie = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");

class Client {
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  messages = 0;
  constructor(readonly ws: WebSocket) {
    this.awareness.setLocalState(null);
    ws.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 1) return;
      this.messages++;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), "server");
    });
  }
  static open(url: string, headers: Record<string, string>) {
    return new Promise<Client>((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once("open", () => resolve(new Client(ws)));
      ws.once("error", reject);
    });
  }
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** Messages each client receives for one presence change (after everyone is present). */
let run = 0;
async function perChange(url: string, headers: Record<string, string>, n: number) {
  // Fresh client ids every run, as fresh tabs would have: a removed id keeps its clock.
  const base = 10_000 * ++run;
  const clients: Client[] = [];
  for (let i = 0; i < n; i++) clients.push(await Client.open(url, headers));
  for (const [i, c] of clients.entries()) c.ws.send(frames.awareness([{ clientId: base + i, clock: 1, state: { editingCardId: null } }]));
  await until(() => clients.every((c) => [...c.awareness.getStates().keys()].filter((id) => id >= base && id < base + n).length === n));
  const before = clients.map((c) => c.messages);
  const changes = 5;
  for (let k = 0; k < changes; k++) clients[0]!.ws.send(frames.awareness([{ clientId: base, clock: 2 + k, state: { editingCardId: `card-${k}` } }]));
  await until(() => clients.every((c) => c.awareness.getStates().get(base)?.editingCardId === `card-${changes - 1}`));
  // Every copy of a change arrives before the last change's first copy on one socket; wait for stragglers of the last.
  await new Promise((r) => setTimeout(r, 200));
  const received = clients.map((c, i) => c.messages - before[i]!);
  for (const c of clients) c.ws.close();
  await new Promise((r) => setTimeout(r, 100));
  return received.reduce((a, b) => a + b, 0) / n / changes;
}

const rows: string[] = [];
for (const n of [10, 30, 60]) {
  const old = await perChange(relay.url, {}, n);
  const ours = await perChange(`${server.url.replace("http", "ws")}/collab/${board}`, { cookie }, n);
  rows.push(`| ${n} | ${old.toFixed(1)} | ${ours.toFixed(1)} | ${Math.round(old * n)} | ${Math.round(ours * n)} |`);
  console.log(`N=${n}: old ${old.toFixed(1)} messages per client per change, ours ${ours.toFixed(1)}`);
}
console.log("\n| N clients | old: messages per client per change | ours | old: messages sent per change | ours |\n|---|---|---|---|---|\n" + rows.join("\n"));
await relay.close();
await server.close();
process.exit(0);
