import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { decodeBoard, moveCard, setChecklistItemDone, addCard } from "~/domain";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf, storedBoard } from "../support/boards";
import { closed, connectBoard, eventually, rawSocket, synced, upgradeStatus } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";

let server: StartedServer;
let base: string;
let board: string;
let otherBoard: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  board = await boardIdOf("th-bac-son");
  otherBoard = await boardIdOf("thcs-lam-ha");
  for (const [k, email] of Object.entries({
    teacher: "giaovien.th-bac-son@kienan.demo",
    principal: "hieutruong.th-bac-son@kienan.demo",
    otherTeacher: "giaovien.thcs-lam-ha@kienan.demo",
    admin: "phong.gddt@kienan.demo",
    observer: "so.gddt@kienan.demo",
  })) cookies[k] = await signIn(base, email);
});
afterAll(async () => {
  await server?.close();
});

const wsUrl = (id: string) => `${base.replace("http", "ws")}/collab/${id}`;
const updateFrame = (update: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
};
/** Runs a change on a copy of `doc` and returns the update it makes (what a client would send). */
const updateOf = (doc: Y.Doc, change: (d: Y.Doc) => void) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const sv = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, sv);
};

describe("authorisation at upgrade", () => {
  it("no session → 401, forged cookie → 401, unknown board → 404, another school → 403", async () => {
    expect(await upgradeStatus(wsUrl(board))).toBe(401);
    expect(await upgradeStatus(wsUrl(board), { cookie: "better-auth.session_token=forged.value" })).toBe(401);
    expect(await upgradeStatus(wsUrl("no-such-board"), { cookie: cookies.teacher })).toBe(404);
    expect(await upgradeStatus(wsUrl(otherBoard), { cookie: cookies.teacher })).toBe(403);
    expect(await upgradeStatus(wsUrl(board), { cookie: cookies.teacher })).toBe("open");
    expect(await upgradeStatus(wsUrl(board), { cookie: cookies.observer })).toBe("open");
  });

  it("refuses a cross-origin upgrade", async () => {
    expect(await upgradeStatus(wsUrl(board), { cookie: cookies.teacher, origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(wsUrl(board), { cookie: cookies.teacher, origin: "null" })).toBe(403);
  });
});

describe("live editing through the room", () => {
  it("a tick by one teacher reaches the principal at once and is already in the database", async () => {
    const a = connectBoard(base, board, cookies.teacher);
    const b = connectBoard(base, board, cookies.principal);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const card = decodeBoard(a.doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
    const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
    const teacherId = (await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } })).id;
    const principalId = (await getDb().user.findUniqueOrThrow({ where: { email: "hieutruong.th-bac-son@kienan.demo" } })).id;

    setChecklistItemDone(a.doc, card.id, item.id, true, { userId: teacherId, at: new Date() });

    await eventually(() => {
      const seen = decodeBoard(b.doc).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!;
      expect(seen.done).toBe(true);
    });
    // Durable before broadcast: the principal saw it, so it is stored.
    const stored = (await storedBoard(board)).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!;
    expect(stored).toMatchObject({ done: true, doneBy: teacherId });

    // And the other way: the principal unticks it, the teacher sees it.
    setChecklistItemDone(b.doc, card.id, item.id, false, { userId: principalId, at: new Date() });
    await eventually(() => expect(decodeBoard(a.doc).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!.done).toBe(false));
    a.provider.destroy();
    b.provider.destroy();
  });

  it("an update that deletes a district card is refused: not stored, not broadcast, sender told", async () => {
    const a = connectBoard(base, board, cookies.teacher);
    const b = connectBoard(base, board, cookies.principal);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const templateCard = decodeBoard(a.doc).cards.find((c) => c.origin === "template")!;
    const before = await getDb().boardUpdate.count({ where: { boardId: board } });

    a.doc.getMap("cards").delete(templateCard.id);

    await eventually(() => expect(a.rejected.map((r) => r.code)).toContain("template_card_deleted"));
    // A stock client answers the resync with the refused change again: refused once more, then quiet (no loop).
    await new Promise((r) => setTimeout(r, 500));
    expect(a.rejected.length).toBeLessThanOrEqual(2);
    expect(await getDb().boardUpdate.count({ where: { boardId: board } })).toBe(before);
    expect(decodeBoard(b.doc).cards.some((c) => c.id === templateCard.id)).toBe(true);
    expect((await storedBoard(board)).cards.some((c) => c.id === templateCard.id)).toBe(true);
    a.provider.destroy();
    b.provider.destroy();
  });

  it("an update that writes an unknown status or deletes the columns is refused", async () => {
    const ws = await rawSocket(base, board, cookies.teacher);
    const rejections: string[] = [];
    ws.on("message", (data: Buffer) => {
      if (data[0] === 100) rejections.push(data.subarray(2).toString());
    });
    const doc = await (await import("~/models/collab.server")).getCollab().then((c) => c.readDoc(board));
    const cardId = decodeBoard(doc).cards[0].id;
    ws.send(updateFrame(updateOf(doc, (d) => (d.getMap("cards").get(cardId) as Y.Map<unknown>).set("status", "archived-forever"))));
    ws.send(updateFrame(updateOf(doc, (d) => d.getMap("meta").delete("columns"))));
    await eventually(() => expect(rejections).toHaveLength(2));
    expect(rejections.join(" ")).toMatch(/invalid_board/);
    expect((await storedBoard(board)).cards.find((c) => c.id === cardId)!.status).not.toBe("archived-forever");

    // The refusals leave nothing behind: a valid edit on the same connection goes through.
    const target = decodeBoard(doc).cards[0].status === "done" ? "planned" : "done";
    ws.send(updateFrame(updateOf(doc, (d) => moveCard(d, cardId, target))));
    await eventually(async () => expect((await storedBoard(board)).cards.find((c) => c.id === cardId)!.status).toBe(target));
    expect(rejections).toHaveLength(2);
    ws.close();
  });

  it("a school may add its own card and delete it again", async () => {
    const a = connectBoard(base, board, cookies.teacher);
    await synced(a.provider);
    const teacherId = (await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } })).id;
    const id = addCard(a.doc, { title: "Trồng cây xanh sân trường", category: "cleanup_landscape", criteria: ["xanh"], createdBy: teacherId });
    await eventually(async () => expect((await storedBoard(board)).cards.some((c) => c.id === id)).toBe(true));
    a.doc.getMap("cards").delete(id);
    await eventually(async () => expect((await storedBoard(board)).cards.some((c) => c.id === id)).toBe(false));
    expect(a.rejected).toEqual([]);
    a.provider.destroy();
  });
});

describe("read-only connections", () => {
  it("the observer syncs and sees changes, but its updates are dropped", async () => {
    const obs = connectBoard(base, board, cookies.observer);
    const teacher = connectBoard(base, board, cookies.teacher);
    await Promise.all([synced(obs.provider), synced(teacher.provider)]);
    const before = await getDb().boardUpdate.count({ where: { boardId: board } });
    const card = decodeBoard(obs.doc).cards.find((c) => c.status !== "done")!;
    moveCard(obs.doc, card.id, "done");
    await new Promise((r) => setTimeout(r, 300));
    expect(await getDb().boardUpdate.count({ where: { boardId: board } })).toBe(before);
    expect(decodeBoard(teacher.doc).cards.find((c) => c.id === card.id)!.status).toBe(card.status);

    // …and it still sees the school's edits live.
    const other = decodeBoard(teacher.doc).cards.find((c) => c.status === "planned" && c.id !== card.id)!;
    moveCard(teacher.doc, other.id, "in_progress");
    await eventually(() => expect(decodeBoard(obs.doc).cards.find((c) => c.id === other.id)!.status).toBe("in_progress"));
    obs.provider.destroy();
    teacher.provider.destroy();
  });
});

describe("bad traffic", () => {
  it("a malformed or truncated message closes that connection with 1007; the server and other rooms carry on", async () => {
    const healthy = connectBoard(base, otherBoard, cookies.otherTeacher);
    await synced(healthy.provider);
    const ws = await rawSocket(base, board, cookies.teacher);
    const closing = closed(ws);
    ws.send(new Uint8Array([0, 1, 200])); // sync step 2 announcing more bytes than it carries
    expect((await closing).code).toBe(1007);

    const garbage = await rawSocket(base, board, cookies.teacher);
    const closingGarbage = closed(garbage);
    garbage.send(updateFrame(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
    expect((await closingGarbage).code).toBe(1007);

    const card = decodeBoard(healthy.doc).cards.find((c) => c.status === "planned")!;
    moveCard(healthy.doc, card.id, "in_progress");
    await eventually(async () => expect((await storedBoard(otherBoard)).cards.find((c) => c.id === card.id)!.status).toBe("in_progress"));
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    healthy.provider.destroy();
  });

  it("a 10 MB message closes the connection with 1009 and nothing is stored", async () => {
    const before = await getDb().boardUpdate.count({ where: { boardId: board } });
    const ws = await rawSocket(base, board, cookies.teacher);
    const closing = closed(ws);
    ws.send(Buffer.alloc(10 * 1024 * 1024, 1));
    expect((await closing).code).toBe(1009);
    expect(await getDb().boardUpdate.count({ where: { boardId: board } })).toBe(before);
  });

  it("a flood of messages closes the connection with 1008 'rate limit exceeded'", async () => {
    const ws = await rawSocket(base, board, cookies.teacher);
    const closing = closed(ws);
    const queryAwareness = new Uint8Array([3]);
    for (let i = 0; i < 2000; i++) ws.send(queryAwareness);
    const result = await closing;
    expect(result.code).toBe(1008);
    expect(result.reason).toBe("rate limit exceeded");
  });
});

describe("HTTP edits go through the same room", () => {
  it("PATCH a checklist item: a connected browser sees it at once, GET shows it, progress moves", async () => {
    const live = connectBoard(base, board, cookies.principal);
    await synced(live.provider);
    const listBefore = await (await fetch(`${base}/api/v1/boards`, { headers: { cookie: cookies.teacher } })).json();
    const { board: json } = await (await fetch(`${base}/api/v1/boards/${board}`, { headers: { cookie: cookies.teacher } })).json();
    expect(json.columns.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      ["planned", "Kế hoạch"],
      ["in_progress", "Đang thực hiện"],
      ["done", "Hoàn thành"],
    ]);
    const card = json.columns.flatMap((c: { cards: unknown[] }) => c.cards).find((c: { checklist: { done: boolean; needsEvidence: boolean }[] }) => c.checklist.some((i) => !i.done && !i.needsEvidence));
    const item = card.checklist.find((i: { done: boolean; needsEvidence: boolean }) => !i.done && !i.needsEvidence);

    const res = await fetch(`${base}/api/v1/boards/${board}/cards/${card.id}/checklist/${item.id}`, {
      method: "PATCH",
      headers: { cookie: cookies.teacher, "content-type": "application/json" },
      body: JSON.stringify({ done: true }),
    });
    expect(res.status).toBe(200);
    await eventually(() => expect(decodeBoard(live.doc).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!.done).toBe(true));
    await eventually(async () => {
      const list = await (await fetch(`${base}/api/v1/boards`, { headers: { cookie: cookies.teacher } })).json();
      expect(list.boards[0].progress.done).toBe(listBefore.boards[0].progress.done + 1);
      expect(list.boards[0].progress.total).toBe(listBefore.boards[0].progress.total);
    });
    live.provider.destroy();
  });

  it("PATCH a card's status moves it on every open board", async () => {
    const live = connectBoard(base, board, cookies.teacher);
    await synced(live.provider);
    const card = decodeBoard(live.doc).cards.find((c) => c.status === "planned")!;
    const res = await fetch(`${base}/api/v1/boards/${board}/cards/${card.id}`, {
      method: "PATCH",
      headers: { cookie: cookies.principal, "content-type": "application/json" },
      body: JSON.stringify({ status: "done" }),
    });
    expect(res.status).toBe(200);
    await eventually(() => expect(decodeBoard(live.doc).cards.find((c) => c.id === card.id)!.status).toBe("done"));
    live.provider.destroy();
  });

  it("refuses bad HTTP edits with the error shape", async () => {
    const json = await (await fetch(`${base}/api/v1/boards/${board}`, { headers: { cookie: cookies.teacher } })).json();
    const card = json.board.columns[0].cards[0] ?? json.board.columns[1].cards[0];
    const patch = (path: string, body: string, cookie = cookies.teacher) =>
      fetch(`${base}/api/v1/boards/${path}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body });
    const cases: [Response, number, string][] = [
      [await patch(`${board}/cards/${card.id}`, '{"status":"finished"}'), 422, "validation_failed"],
      [await patch(`${board}/cards/${card.id}`, '{"status":'), 400, "invalid_json"],
      [await patch(`${board}/cards/${card.id}`, '{"title":"   "}'), 422, "invalid_input"],
      [await patch(`${board}/cards/nope`, '{"status":"done"}'), 404, "card_not_found"],
      [await patch(`${otherBoard}/cards/${card.id}`, '{"status":"done"}'), 403, "forbidden"],
      [await patch(`${board}/cards/${card.id}`, '{"status":"done"}', cookies.observer), 403, "forbidden"],
      [await patch(`${board}/cards/${card.id}`, '{"status":"done"}', ""), 401, "unauthenticated"],
      [await patch(`${board}/cards/${card.id}`, JSON.stringify({ title: "x".repeat(300_000) })), 413, "payload_too_large"],
    ];
    for (const [res, status, code] of cases) {
      const text = await res.text();
      expect({ status: res.status, body: text }).toEqual({ status, body: expect.stringContaining(code) });
      expect(JSON.parse(text).error.code).toBe(code);
    }
  });
});
