import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, readBoard } from "~/domain";
import { loadBoardDoc } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf, storedBoard } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { frames, Peer, updateOf } from "./collab-support";

// Finding 1 of issue 9: one frame nesting a Y.Map 5,000 deep under a card overflowed the stack in
// decodeBoard → toJSON, outside the try of the shadow replica; the replica kept the hostile content
// and every later edit to the board failed (WebSocket 1011, PATCH 500).

let server: StartedServer;
let teacher: string;
let board: string;
beforeAll(async () => {
  server = await startTestServer();
  board = await boardIdOf("th-bac-son");
  teacher = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

function nest(parent: Y.Map<unknown>, depth: number) {
  let map = parent;
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>();
    map.set("x", next);
    map = next;
  }
}

async function expectBoardStillEditable(label: string) {
  // A normal edit over the WebSocket…
  const a = connectBoard(server.url, board, teacher);
  await synced(a.provider);
  const card = decodeBoard(a.doc).cards.find((c) => c.status !== "done")!;
  const title = `${label} ${Date.now()}`;
  a.doc.transact(() => {
    const text = (a.doc.getMap("cards").get(card.id) as Y.Map<unknown>).get("title") as Y.Text;
    text.delete(0, text.length);
    text.insert(0, title);
  });
  await eventually(async () => expect((await storedBoard(board)).cards.find((c) => c.id === card.id)!.title).toBe(title));
  a.provider.destroy();
  // …and a PATCH over HTTP.
  const res = await fetch(`${server.url}/api/v1/boards/${board}/cards/${card.id}`, {
    method: "PATCH",
    headers: { cookie: teacher, "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ status: "in_progress" }),
  });
  expect(res.status).toBe(200);
  expect((await storedBoard(board)).cards.find((c) => c.id === card.id)!.status).toBe("in_progress");
}

it("a Y.Map nested 5,000 deep under a card is refused, not stored, and the board stays editable", async () => {
  const logBefore = await getDb().boardUpdate.count({ where: { boardId: board } });
  const peer = await Peer.open(server.url, board, teacher);
  peer.sync();
  await eventually(() => expect(decodeBoard(peer.doc).cards.length).toBeGreaterThan(0));
  const cardId = decodeBoard(peer.doc).cards[0]!.id;
  const hostile = updateOf(peer.doc, (d) => nest(d.getMap("cards").get(cardId) as Y.Map<unknown>, 5000));
  expect(hostile.length).toBeGreaterThan(50_000);
  peer.send(frames.update(hostile));
  await eventually(() => expect(peer.rejected.map((r) => r.code)).toContain("too_deep"));
  peer.close();

  expect(await getDb().boardUpdate.count({ where: { boardId: board } })).toBe(logBefore);
  expect(readBoard(await loadBoardDoc(board)).ok).toBe(true);
  await expectBoardStillEditable("after deep map");
});

it("a plain JSON value nested 5,000 deep under an unknown key is refused the same way", async () => {
  const peer = await Peer.open(server.url, board, teacher);
  peer.sync();
  await eventually(() => expect(decodeBoard(peer.doc).cards.length).toBeGreaterThan(0));
  const cardId = decodeBoard(peer.doc).cards[0]!.id;
  let value: unknown[] = [];
  for (let i = 0; i < 5000; i++) value = [value];
  const hostile = updateOf(peer.doc, (d) => (d.getMap("cards").get(cardId) as Y.Map<unknown>).set("evil", value));
  peer.send(frames.update(hostile));
  // Refused either as undecodable (1007) or by the schema (unknown key): never stored, never stuck.
  await eventually(() => expect(peer.isClosed || peer.rejected.length > 0).toBe(true));
  peer.close();
  expect(readBoard(await loadBoardDoc(board)).ok).toBe(true);
  await expectBoardStillEditable("after deep value");
});
