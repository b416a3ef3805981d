import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, setChecklistItemDone, type Board } from "~/domain";
import { readStoredBoard } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import { startRedis } from "../../scripts/test-services.mjs";
import { boardIdOf } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, schoolFor, startInstance, type Instance } from "./instances";

// Faults: an instance killed with kill -9, and Redis restarted, both in the middle of a stream of edits.
// This file's instances use a redis-server of its own (on a free port), so restarting it touches nobody else.
const dir = path.resolve(`tests/.tmp/scale-faults-${process.pid}`);
let redis: { url: string; port: number; stop: () => Promise<void> };
const instances: Instance[] = [];

beforeAll(async () => {
  fs.mkdirSync(dir, { recursive: true });
  redis = await startRedis(dir);
});
afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await redis?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pair(name: string) {
  const prefix = prefixFor(name);
  const started = await Promise.all([startInstance(`${name}-A`, { prefix, redisUrl: redis.url }), startInstance(`${name}-B`, { prefix, redisUrl: redis.url })]);
  instances.push(...started);
  return started;
}

type Item = { card: string; item: string };
const openItems = (board: Board): Item[] => board.cards.flatMap((c) => c.checklist.filter((i) => !i.done && !i.needsEvidence).map((i) => ({ card: c.id, item: i.id })));
const isDone = (board: Board, x: Item) => !!board.cards.find((c) => c.id === x.card)?.checklist.find((i) => i.id === x.item)?.done;
const stored = async (boardId: string) => decodeBoard((await readStoredBoard(boardId)).doc);
const pause = () => new Promise((r) => setTimeout(r, 30));

describe("nothing accepted is lost", () => {
  it("kill -9 of A mid-load loses no acknowledged edit, and B keeps serving", async () => {
    const [a, b] = await pair("kill");
    const school = schoolFor(3);
    const email = school.teacher;
    const userId = (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
    const board = await boardIdOf(school.slug);
    const cookie = await signIn(a.url, email);
    const writer = connectBoard(a.url, board, cookie);
    const observer = connectBoard(b.url, board, await signIn(b.url, school.principal));
    try {
      await Promise.all([synced(writer.provider), synced(observer.provider)]);
      const items = openItems(decodeBoard(writer.doc));
      expect(items.length).toBeGreaterThanOrEqual(8);
      // An edit B's client sees was appended before A broadcast it: that is what "acknowledged" means here.
      const acknowledged = () => items.filter((x) => isDone(decodeBoard(observer.doc), x));
      let killed = false;
      for (const [n, x] of items.entries()) {
        setChecklistItemDone(writer.doc, x.card, x.item, true, { userId, at: new Date() });
        if (n === Math.floor(items.length / 2)) {
          await eventually(() => expect(acknowledged().length).toBeGreaterThan(0), 10_000);
          await a.crash();
          killed = true;
        }
        await pause();
      }
      expect(killed).toBe(true);
      const seen = acknowledged();
      const afterCrash = await stored(board);
      expect(seen.filter((x) => !isDone(afterCrash, x))).toEqual([]);

      // The writer's client reconnects to B and resyncs: what A never stored reaches B now.
      writer.provider.destroy();
      const again = connectBoard(b.url, board, await signIn(b.url, email), writer.doc);
      try {
        await synced(again.provider);
        await eventually(async () => expect(items.filter((x) => !isDone(decodeBoard(observer.doc), x))).toEqual([]), 15_000);
        await eventually(async () => {
          const now = await stored(board);
          expect(items.filter((x) => !isDone(now, x))).toEqual([]);
        }, 15_000);
      } finally {
        again.provider.destroy();
      }
      expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
    } finally {
      writer.provider.destroy();
      observer.provider.destroy();
    }
  });

  it("Redis restarted mid-load loses nothing: the instances catch up from the log", async () => {
    const [a, b] = await pair("redis");
    const school = schoolFor(4);
    const email = school.teacher;
    const userId = (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
    const board = await boardIdOf(school.slug);
    const writer = connectBoard(a.url, board, await signIn(a.url, email));
    const observer = connectBoard(b.url, board, await signIn(b.url, school.principal));
    try {
      await Promise.all([synced(writer.provider), synced(observer.provider)]);
      const items = openItems(decodeBoard(writer.doc));
      expect(items.length).toBeGreaterThanOrEqual(6);
      const third = Math.ceil(items.length / 3);
      const tick = async (slice: Item[]) => {
        for (const x of slice) {
          setChecklistItemDone(writer.doc, x.card, x.item, true, { userId, at: new Date() });
          await pause();
        }
      };
      await tick(items.slice(0, third));
      await redis.stop();
      await eventually(async () => expect((await (await fetch(`${a.url}/readyz`)).json()).redis).toBe("down"), 15_000);
      await tick(items.slice(third, 2 * third));
      redis = await startRedis(dir, redis.port);
      await tick(items.slice(2 * third));
      await eventually(() => expect(items.filter((x) => !isDone(decodeBoard(observer.doc), x))).toEqual([]), 20_000);
      const final = await stored(board);
      expect(items.filter((x) => !isDone(final, x))).toEqual([]);
      expect(Y.encodeStateVector(observer.doc)).toEqual(Y.encodeStateVector(writer.doc));
      await eventually(async () => expect((await fetch(`${b.url}/readyz`)).status).toBe(200), 15_000);
    } finally {
      writer.provider.destroy();
      observer.provider.destroy();
    }
  });
});
