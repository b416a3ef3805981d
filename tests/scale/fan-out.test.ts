import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, moveCard, setChecklistItemDone } from "~/domain";
import { getDb } from "~/utils/db.server";
import { readStoredBoard } from "~/models/board.server";
import { boardIdOf } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, startInstance, type Instance } from "./instances";

// Two real instances on one PostgreSQL database and one Redis.
let a: Instance;
let b: Instance;

beforeAll(async () => {
  const prefix = prefixFor("fan-out");
  [a, b] = await Promise.all([startInstance("A", { prefix }), startInstance("B", { prefix })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const stored = async (boardId: string) => decodeBoard((await readStoredBoard(boardId)).doc);

describe("two instances serve the same boards", () => {
  it("an edit on A reaches a client on B, and presence travels too", async () => {
    const board = await boardIdOf("th-ngoc-son");
    const teacher = await signIn(a.url, "giaovien.th-ngoc-son@kienan.demo");
    const principal = await signIn(b.url, "hieutruong.th-ngoc-son@kienan.demo");
    const onA = connectBoard(a.url, board, teacher);
    const onB = connectBoard(b.url, board, principal);
    try {
      await Promise.all([synced(onA.provider), synced(onB.provider)]);
      const card = decodeBoard(onA.doc).cards.find((c) => c.status !== "done")!;
      moveCard(onA.doc, card.id, "done");
      await eventually(() => expect(decodeBoard(onB.doc).cards.find((c) => c.id === card.id)!.status).toBe("done"), 10_000);

      onA.provider.awareness.setLocalStateField("editingCardId", card.id);
      await eventually(() => expect([...onB.provider.awareness.getStates().values()].some((s) => s.editingCardId === card.id)).toBe(true), 10_000);
    } finally {
      onA.provider.destroy();
      onB.provider.destroy();
    }
  });

  it("concurrent edits on A and B to one board converge, and all are stored", async () => {
    const board = await boardIdOf("thcs-van-dau");
    const teacher = await signIn(a.url, "giaovien.thcs-van-dau@kienan.demo");
    const principal = await signIn(b.url, "hieutruong.thcs-van-dau@kienan.demo");
    const onA = connectBoard(a.url, board, teacher);
    const onB = connectBoard(b.url, board, principal);
    try {
      await Promise.all([synced(onA.provider), synced(onB.provider)]);
      const items = decodeBoard(onA.doc).cards.flatMap((c) => c.checklist.filter((i) => !i.done).map((i) => ({ card: c.id, item: i.id })));
      expect(items.length).toBeGreaterThanOrEqual(6);
      const mine = items.slice(0, 6);
      // Interleaved: A ticks the even ones, B the odd ones, without waiting for each other.
      const ids = await Promise.all(["giaovien.thcs-van-dau@kienan.demo", "hieutruong.thcs-van-dau@kienan.demo"].map(async (email) => (await getDb().user.findUniqueOrThrow({ where: { email } })).id));
      mine.forEach((x, n) => {
        const doc = n % 2 === 0 ? onA.doc : onB.doc;
        const userId = ids[n % 2]!;
        setChecklistItemDone(doc, x.card, x.item, true, { userId, at: new Date() });
      });
      const ticked = (doc: Y.Doc) => mine.every((x) => decodeBoard(doc).cards.find((c) => c.id === x.card)!.checklist.find((i) => i.id === x.item)!.done);
      await eventually(() => expect(ticked(onA.doc) && ticked(onB.doc)).toBe(true), 15_000);
      await eventually(async () => {
        const board2 = await stored(board);
        expect(mine.every((x) => board2.cards.find((c) => c.id === x.card)!.checklist.find((i) => i.id === x.item)!.done)).toBe(true);
      }, 15_000);
      expect(Y.encodeStateVector(onA.doc)).toEqual(Y.encodeStateVector(onB.doc));
    } finally {
      onA.provider.destroy();
      onB.provider.destroy();
    }
  });
});
