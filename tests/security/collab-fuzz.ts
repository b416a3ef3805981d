/**
 * A fixed-seed fuzzer of the collaboration server: hostile frames from real WebSockets — random
 * bytes, mutated y-protocol messages, deep nesting, huge strings, refused edits, forged awareness —
 * each followed by a sentinel sync-step1 so every frame is known to be handled before the next.
 * Used by tests/security/collab-fuzz.test.ts (20,000 frames) and `npm run fuzz:collab` (longer).
 */
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { addCard, assignCard, decodeBoard, moveCard, setChecklistItemDone } from "../../app/domain";
import { frames, updateOf } from "./collab-support";

export interface FuzzTarget {
  boardId: string;
  cookie: string;
  userId: string;
}

export interface FuzzReport {
  sent: number;
  byKind: Record<string, number>;
  closes: Record<string, number>;
  connections: number;
  /** Sentinels not answered while the socket stayed open (a frame the server never handled). */
  stalled: number;
  ms: number;
}

/** mulberry32: small, fast, good enough to make the same frames on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}
type Rng = ReturnType<typeof prng>;

function deepMap(parent: Y.Map<unknown>, depth: number) {
  let map = parent;
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>();
    map.set("n", next);
    map = next;
  }
}

function deepValue(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

function mutate(rng: Rng, frame: Uint8Array): Uint8Array {
  const out = Uint8Array.from(frame);
  switch (rng.int(4)) {
    case 0:
      for (let i = 0; i < 1 + rng.int(4); i++) out[rng.int(out.length)] = rng.int(256);
      return out;
    case 1:
      return out.slice(0, rng.int(out.length));
    case 2: {
      const joined = new Uint8Array(out.length + 1 + rng.int(16));
      joined.set(out);
      joined.set(rng.bytes(joined.length - out.length), out.length);
      return joined;
    }
    default: {
      // A length prefix claims more than the frame holds.
      if (out.length > 2) out[2] = 0xff;
      return out;
    }
  }
}

/**
 * Edits made from the board's document, once per worker: building an update clones the document,
 * which costs more than the server spends refusing it. Frames pick from (and mutate) this pool.
 */
function editPool(rng: Rng, doc: Y.Doc, target: FuzzTarget): Map<string, Uint8Array[]> {
  const cards = decodeBoard(doc).cards;
  const pool = new Map<string, Uint8Array[]>();
  const add = (kind: string, change: (d: Y.Doc, card: (typeof cards)[number], map: Y.Map<unknown>) => void, n = 6) => {
    const list: Uint8Array[] = [];
    for (let i = 0; i < n && cards.length; i++) {
      const card = rng.pick(cards);
      try {
        list.push(frames.update(updateOf(doc, (d) => change(d, card, d.getMap("cards").get(card.id) as Y.Map<unknown>))));
      } catch {
        // A domain helper refused to build this one (e.g. nothing left to tick).
      }
    }
    if (list.length) pool.set(kind, list);
  };
  const statuses = ["planned", "in_progress", "done"] as const;
  add("legit-move", (d, card) => moveCard(d, card.id, rng.pick(statuses)), 12);
  add("legit-add-card", (d) => void addCard(d, { title: `Fuzz ${rng.int(1e6)}`, category: "propaganda", createdBy: target.userId }), 3);
  add("delete-template-card", (d, card) => d.getMap("cards").delete(card.id));
  add("bad-status", (_d, _c, map) => map.set("status", "hacked"));
  add("unknown-key", (_d, _c, map) => map.set("x" + rng.int(100), rng.int(1000)));
  add("foreign-root", (d) => d.getMap("evil" + rng.int(10)).set("a", 1));
  add("deep-map", (_d, _c, map) => deepMap(map, rng.pick([9, 50, 500, 5000])), 4);
  add("deep-value", (_d, _c, map) => map.set("deep", deepValue(rng.pick([50, 500, 3000]))), 3);
  add("huge-string", (_d, _c, map) => (map.get("description") as Y.Text).insert(0, "x".repeat(rng.pick([6000, 100_000, 600_000]))), 3);
  add("insert-then-delete", (_d, _c, map) => {
    const text = map.get("description") as Y.Text;
    text.insert(0, "z".repeat(300_000));
    text.delete(0, 300_000);
  }, 2);
  add("forged-done-by", (d, card) => {
    const item = card.checklist.find((i) => !i.done);
    if (item) setChecklistItemDone(d, card.id, item.id, true, { userId: "someone-else", at: new Date(rng.int(2 ** 41)) });
  });
  add("back-dated-tick", (d, card) => {
    const item = card.checklist.find((i) => !i.done);
    if (item) setChecklistItemDone(d, card.id, item.id, true, { userId: target.userId, at: new Date("2001-01-01") });
  });
  add("foreign-assignee", (d, card) => assignCard(d, card.id, [`stranger-${rng.int(100)}`]));
  return pool;
}

/** One hostile frame: from the pool (as is or mutated), or made up on the spot. */
function hostileFrame(rng: Rng, pool: Map<string, Uint8Array[]>, doc: Y.Doc): { kind: string; frame: Uint8Array | string } {
  const fromPool = (kind: string) => () => rng.pick(pool.get(kind) ?? [rng.bytes(8)]);
  // Weights: about one frame in eight closes its socket (and costs a reconnect); the rest are
  // refused or ignored on an open socket, as a patient attacker would send them.
  const kinds: [string, number, () => Uint8Array | string][] = [
    ["random-bytes", 3, () => rng.bytes(rng.int(64))],
    ["text-frame", 0.3, () => "hello"],
    ["mutated-update", 3, () => mutate(rng, fromPool(rng.pick([...pool.keys()]))())],
    ["mutated-sync-step1", 1, () => mutate(rng, frames.syncStep1(Y.encodeStateVector(doc)))],
    ["sync-step1-random-sv", 1, () => frames.syncStep1(rng.bytes(rng.int(12)))],
    ["sync-step1-empty", 0.5, () => frames.syncStep1(new Uint8Array())],
    ["garbage-update", 1, () => frames.update(rng.bytes(1 + rng.int(40)))],
    ["forged-awareness", 30, () => frames.awareness(Array.from({ length: 1 + rng.int(3) }, () => ({
      clientId: rng.int(2 ** 32),
      clock: rng.int(1000),
      state: rng.next() < 0.3 ? null : { user: { id: "principal", name: "Hiệu trưởng", color: "#ff0000" }, editingCardId: "c" + rng.int(50) },
    })))],
    ["awareness-flood", 0.3, () => frames.awareness(Array.from({ length: 50 + rng.int(500) }, (_, i) => ({ clientId: i, clock: 1, state: {} })))],
    ["awareness-huge-state", 0.5, () => frames.awareness([{ clientId: rng.int(2 ** 32), clock: 1, state: { editingCardId: "y".repeat(3000 + rng.int(400_000)) } }])],
    ["awareness-bad-json", 0.5, () => frames.awareness([{ clientId: 1, clock: 1, state: "{" + "[".repeat(rng.int(50)) }])],
    ["mutated-awareness", 1, () => mutate(rng, frames.awareness([{ clientId: rng.int(2 ** 32), clock: 1, state: {} }]))],
    ["query-awareness", 6, () => new Uint8Array([3])],
    ["unknown-type", 0.5, () => new Uint8Array([rng.int(200) + 4, rng.int(256)])],
    ...[...pool.keys()].map((kind): [string, number, () => Uint8Array] => [kind, kind === "legit-move" ? 8 : ["huge-string", "insert-then-delete", "legit-add-card"].includes(kind) ? 0.5 : 4, fromPool(kind)]),
  ];
  const total = kinds.reduce((n, [, w]) => n + w, 0);
  let roll = rng.next() * total;
  for (const [kind, weight, make] of kinds) {
    roll -= weight;
    if (roll <= 0) return { kind, frame: make() };
  }
  return { kind: "random-bytes", frame: rng.bytes(8) };
}

/** Kinds a server answers with a refusal, or ignores, on an open socket. */
const KEEPS_OPEN = new Set([
  "forged-awareness", "query-awareness", "legit-move", "legit-add-card", "delete-template-card", "bad-status", "unknown-key",
  "foreign-root", "deep-map", "deep-value", "forged-done-by", "back-dated-tick", "foreign-assignee",
]);

class FuzzSocket {
  closedWith: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    readonly doc: Y.Doc,
  ) {
    ws.on("message", (data: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 0) return;
        const sub = decoding.readVarUint(decoder);
        if (sub === 1 || sub === 2) Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder));
        if (sub === 1) this.waiters.shift()?.();
      } catch {
        // Our own copy may not take every update it sees; it only has to make frames.
      }
    });
    ws.on("close", (code, reason) => {
      this.closedWith = { code, reason: reason.toString() };
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(url: string, cookie: string, doc: Y.Doc): Promise<FuzzSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { cookie } });
      const socket = new FuzzSocket(ws, doc);
      ws.once("open", () => resolve(socket));
      ws.once("error", reject);
    });
  }

  /** A sync-step1 with our state vector; resolves when answered or when the socket closes. */
  sentinel(timeoutMs: number): Promise<"answered" | "closed" | "stalled"> {
    if (this.closedWith) return Promise.resolve("closed");
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve("stalled"), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(this.closedWith ? "closed" : "answered");
      });
      this.ws.send(frames.syncStep1(Y.encodeStateVector(this.doc)));
    });
  }
}

/** Sends `count` hostile frames over `workers` sockets, reconnecting whenever the server closes one. */
export async function fuzzCollab(opts: { baseUrl: string; targets: FuzzTarget[]; count: number; seed: number; workers?: number }): Promise<FuzzReport> {
  const started = Date.now();
  const report: FuzzReport = { sent: 0, byKind: {}, closes: {}, connections: 0, stalled: 0, ms: 0 };
  const wsBase = opts.baseUrl.replace(/^http/, "ws");
  const worker = async (index: number) => {
    const target = opts.targets[index % opts.targets.length]!;
    // A sequence of its own per worker: the same frames on every run, whatever the interleaving.
    const rng = prng(opts.seed * 1000 + index);
    // One replica per worker, kept across reconnects: a reconnect only syncs what changed.
    const doc = new Y.Doc();
    let pool: Map<string, Uint8Array[]> | null = null;
    let socket: FuzzSocket | null = null;
    let batch = 0;
    while (report.sent < opts.count) {
      if (!socket || socket.closedWith) {
        if (socket?.closedWith) {
          const key = `${socket.closedWith.code} ${socket.closedWith.reason.replace(/:.*/, "")}`;
          report.closes[key] = (report.closes[key] ?? 0) + 1;
        }
        socket = await FuzzSocket.open(`${wsBase}/collab/${target.boardId}`, target.cookie, doc);
        report.connections++;
        await socket.sentinel(10_000);
        pool ??= editPool(rng, doc, target);
      }
      const { kind, frame } = hostileFrame(rng, pool!, doc);
      report.sent++;
      report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
      socket.ws.send(frame);
      // Frames that leave the socket open go in batches; after any other, or a batch, a sentinel
      // makes sure the server has handled everything before the next (or the socket is closed).
      if (KEEPS_OPEN.has(kind) && ++batch < 64) continue;
      batch = 0;
      if ((await socket.sentinel(60_000)) === "stalled") report.stalled++;
    }
    if (socket && !socket.closedWith) socket.ws.close();
  };
  await Promise.all(Array.from({ length: opts.workers ?? 16 }, (_, i) => worker(i)));
  report.ms = Date.now() - started;
  return report;
}
