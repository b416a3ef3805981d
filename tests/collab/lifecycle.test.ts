import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeBoard, moveCard } from "~/domain";
import { getCollab } from "~/models/collab.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import type { CollabServer } from "../../server/collab/service";
import { boardIdOf, storedBoard } from "../support/boards";
import { closed, connectBoard, eventually, rawSocket, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";

let server: StartedServer;
beforeAll(async () => {
  // Short timers so compaction and unloading happen within the test.
  server = await startTestServer({ collab: { compactEvery: 10, idleCompactMs: 300, unloadAfterMs: 600, sessionCheckMs: 200 } });
});
afterAll(async () => {
  await server?.close();
});

it("compacts the update log into a snapshot (by count and when idle) without losing anything", async () => {
  const board = await boardIdOf("mn-phu-lien");
  const a = connectBoard(server.url, board, await signIn(server.url, "giaovien.mn-phu-lien@kienan.demo"));
  await synced(a.provider);
  const cards = decodeBoard(a.doc).cards;
  for (const [i, card] of cards.entries()) moveCard(a.doc, card.id, i % 2 ? "in_progress" : "done");

  const expected = decodeBoard(a.doc).cards.map((c) => [c.id, c.status]);
  // Idle compaction folds everything: the log empties and the snapshot alone holds the board.
  await eventually(async () => {
    expect((await getDb().boardDocument.findUniqueOrThrow({ where: { boardId: board } })).upToId).toBeGreaterThan(0);
    expect(await getDb().boardUpdate.count({ where: { boardId: board } })).toBe(0);
  }, 5000);
  expect((await storedBoard(board)).cards.map((c) => [c.id, c.status])).toEqual(expected);
  a.provider.destroy();
});

it("unloads rooms nobody uses, so memory stays bounded", async () => {
  const collab = (await getCollab()) as CollabServer;
  const board = await boardIdOf("th-van-dau");
  const a = connectBoard(server.url, board, await signIn(server.url, "giaovien.th-van-dau@kienan.demo"));
  await synced(a.provider);
  expect(collab.roomCount()).toBeGreaterThan(0);
  a.provider.destroy();
  await eventually(() => expect(collab.roomCount()).toBe(0), 5000);
});

it("closes an open board connection once its session has ended (4401)", async () => {
  const board = await boardIdOf("thcs-trang-minh");
  const cookie = await signIn(server.url, "giaovien.thcs-trang-minh@kienan.demo");
  const ws = await rawSocket(server.url, board, cookie);
  const closing = closed(ws);
  const out = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: server.url, "content-type": "application/json" }, body: "{}" });
  expect(out.status).toBe(200);
  expect(await closing).toEqual({ code: 4401, reason: "session ended" });
});
