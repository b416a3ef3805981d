import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, moveCard, setChecklistItemDone } from "~/domain";
import { getDb } from "~/utils/db.server";
import { readStoredBoard } from "~/models/board.server";
import { boardIdOf } from "../support/boards";
import { closed, connectBoard, eventually, rawSocket, synced } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, schoolFor, startInstance, type Instance } from "./instances";

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
    const school = schoolFor(0);
    const board = await boardIdOf(school.slug);
    const teacher = await signIn(a.url, school.teacher);
    const principal = await signIn(b.url, school.principal);
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
    const school = schoolFor(1);
    const board = await boardIdOf(school.slug);
    const teacher = await signIn(a.url, school.teacher);
    const principal = await signIn(b.url, school.principal);
    const onA = connectBoard(a.url, board, teacher);
    const onB = connectBoard(b.url, board, principal);
    try {
      await Promise.all([synced(onA.provider), synced(onB.provider)]);
      const items = decodeBoard(onA.doc).cards.flatMap((c) => c.checklist.filter((i) => !i.done && !i.needsEvidence).map((i) => ({ card: c.id, item: i.id })));
      expect(items.length).toBeGreaterThanOrEqual(6);
      const mine = items.slice(0, 6);
      // Interleaved: A ticks the even ones, B the odd ones, without waiting for each other.
      const ids = await Promise.all([school.teacher, school.principal].map(async (email) => (await getDb().user.findUniqueOrThrow({ where: { email } })).id));
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

  it("an overview open on B shows a tick made on A", async () => {
    const school = schoolFor(2);
    // The school's board in the open campaign (the seed also has a closed one, read-only).
    const board = await getDb().board.findFirstOrThrow({ where: { school: { slug: school.slug }, campaign: { status: "active" } } });
    const admin = await signIn(b.url, "phong.gddt@kienan.demo");
    const controller = new AbortController();
    const res = await fetch(`${b.url}/overview/events?campaignId=${board.campaignId}`, { headers: { cookie: admin }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    try {
      await until("event: ready\n");
      const teacher = await signIn(a.url, school.teacher);
      const teacherId = (await getDb().user.findUniqueOrThrow({ where: { email: school.teacher } })).id;
      const onA = connectBoard(a.url, board.id, teacher);
      try {
        await synced(onA.provider);
        const card = decodeBoard(onA.doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
        setChecklistItemDone(onA.doc, card.id, card.checklist.find((i) => !i.done && !i.needsEvidence)!.id, true, { userId: teacherId, at: new Date() });
        // Only A stored and projected the tick: B's stream got it through Redis.
        await until("event: changed\n");
      } finally {
        onA.provider.destroy();
      }
    } finally {
      controller.abort();
    }
  });

  it("a projection waiting on the database holds up no edit on either instance, and the newest state is what it leaves", async () => {
    const school = schoolFor(7);
    const board = await boardIdOf(school.slug);
    const [teacherId, principalId] = await Promise.all([school.teacher, school.principal].map(async (email) => (await getDb().user.findUniqueOrThrow({ where: { email } })).id));
    const onA = connectBoard(a.url, board, await signIn(a.url, school.teacher));
    const onB = connectBoard(b.url, board, await signIn(b.url, school.principal));
    // Someone else's transaction holding the board's overview row (a long report query, a backup).
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    try {
      await Promise.all([synced(onA.provider), synced(onB.provider)]);
      const items = decodeBoard(onA.doc).cards.flatMap((c) => c.checklist.filter((i) => !i.done && !i.needsEvidence).map((i) => ({ card: c.id, item: i.id })));
      expect(items.length).toBeGreaterThanOrEqual(4);
      const tick = (doc: Y.Doc, n: number, userId: string) => setChecklistItemDone(doc, items[n]!.card, items[n]!.item, true, { userId, at: new Date() });
      const ticked = (board: ReturnType<typeof decodeBoard>, n: number) => board.cards.find((c) => c.id === items[n]!.card)!.checklist.find((i) => i.id === items[n]!.item)!.done;
      const shown = async () => (await getDb().boardStat.findUniqueOrThrow({ where: { boardId: board } })).itemsDone;
      const before = await shown();
      tick(onA.doc, 0, teacherId!);
      await eventually(async () => expect(await shown()).toBe(before + 1), 10_000);

      await blocker.query("BEGIN");
      await blocker.query(`SELECT 1 FROM "BoardStat" WHERE "boardId" = $1 FOR UPDATE`, [board]);
      tick(onA.doc, 1, teacherId!);
      // A's projection of that tick is under way and waits for the row.
      await eventually(async () => {
        const [{ waiting }] = await getDb().$queryRaw<{ waiting: number }[]>`
          SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE "BoardStat"%'`;
        expect(waiting).toBeGreaterThanOrEqual(1);
      }, 10_000);
      // Meanwhile both instances accept edits to the board: stored, and shown on the other side.
      tick(onA.doc, 2, teacherId!);
      tick(onB.doc, 3, principalId!);
      await eventually(() => expect(ticked(decodeBoard(onB.doc), 2) && ticked(decodeBoard(onA.doc), 3)).toBe(true), 5_000);
      const log = await stored(board);
      expect([0, 1, 2, 3].map((n) => ticked(log, n))).toEqual([true, true, true, true]);
      expect(await shown()).toBe(before + 1);

      // The row is free: the waiting projections land in the log's order, the newest state last.
      await blocker.query("ROLLBACK");
      await eventually(async () => expect(await shown()).toBe(before + 4), 15_000);
    } finally {
      await blocker.query("ROLLBACK").catch(() => undefined);
      await blocker.end();
      onA.provider.destroy();
      onB.provider.destroy();
    }
  });

  it("deactivating a person on A closes their socket on B", async () => {
    const email = "giaovien.thcs-lam-ha@kienan.demo";
    const person = await getDb().user.findUniqueOrThrow({ where: { email } });
    const board = await boardIdOf("thcs-lam-ha");
    const cookie = await signIn(b.url, email);
    const admin = await signIn(a.url, "phong.gddt@kienan.demo");
    const onB = await rawSocket(b.url, board, cookie);
    const closedOnB = closed(onB);
    const patch = (active: boolean) =>
      fetch(`${a.url}/api/v1/admin/people/${person.id}`, { method: "PATCH", headers: { cookie: admin, "content-type": "application/json" }, body: JSON.stringify({ active }) });
    try {
      expect((await patch(false)).status).toBe(200);
      expect((await closedOnB).code).toBe(4403);
    } finally {
      await patch(true);
    }
  });
});
