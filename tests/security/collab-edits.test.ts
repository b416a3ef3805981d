import { afterAll, beforeAll, expect, it } from "vitest";
import { assignCard, decodeBoard, setChecklistItemDone } from "~/domain";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf, storedBoard } from "../support/boards";
import { connectBoard, eventually, rawSocket, closed, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";

// The WebSocket parts of finding 8 of issue 9: doneAt chosen by the client (back- and
// future-dated) and assignees from another school or unknown ids were accepted over the WebSocket
// (REST refuses both); an open socket kept editing up to 60 s after its session signed out.

let server: StartedServer;
let board: string;
let teacher: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The default session re-check (60 s): closing at sign-out must not depend on it.
  server = await startTestServer();
  board = await boardIdOf("th-bac-son");
  teacher = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
  for (const [k, email] of Object.entries({
    teacher: "giaovien.th-bac-son@kienan.demo",
    principal: "hieutruong.th-bac-son@kienan.demo",
    otherSchool: "giaovien.thcs-lam-ha@kienan.demo",
  })) ids[k] = (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
});
afterAll(async () => {
  await server?.close();
});

it.each([
  ["back-dated", new Date("2001-01-01T00:00:00Z")],
  ["future-dated", new Date("2099-01-01T00:00:00Z")],
])("a %s doneAt is replaced by the server's time, in the log and on the sender's screen", async (_label, at) => {
  const a = connectBoard(server.url, board, teacher);
  await synced(a.provider);
  const card = decodeBoard(a.doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
  const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
  const from = Date.now();
  setChecklistItemDone(a.doc, card.id, item.id, true, { userId: ids.teacher!, at });
  const near = (iso: string | null) => {
    const t = Date.parse(iso ?? "");
    expect(t).toBeGreaterThanOrEqual(from - 1000);
    expect(t).toBeLessThanOrEqual(Date.now() + 1000);
  };
  await eventually(async () => near((await storedBoard(board)).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!.doneAt));
  await eventually(() => near(decodeBoard(a.doc).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!.doneAt));
  expect(a.rejected).toEqual([]);
  a.provider.destroy();
});

it("a live tick keeps its own doneAt (within the clock skew allowed)", async () => {
  const a = connectBoard(server.url, board, teacher);
  await synced(a.provider);
  const card = decodeBoard(a.doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
  const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
  const at = new Date(Date.now() - 30_000);
  setChecklistItemDone(a.doc, card.id, item.id, true, { userId: ids.teacher!, at });
  await eventually(async () =>
    expect((await storedBoard(board)).cards.find((c) => c.id === card.id)!.checklist.find((i) => i.id === item.id)!.doneAt).toBe(at.toISOString()),
  );
  a.provider.destroy();
});

it("assignees must be members of the school: unknown ids and another school's staff are refused", async () => {
  const card = (await storedBoard(board)).cards[0]!;
  const before = card.assignees;
  for (const stranger of ["no-such-person", ids.otherSchool!]) {
    // A fresh replica each time: a stock client keeps a refused change (ours resets its copy).
    const a = connectBoard(server.url, board, teacher);
    await synced(a.provider);
    assignCard(a.doc, card.id, [...before, stranger]);
    await eventually(() => expect(a.rejected.map((r) => r.code)).toContain("unknown_assignee"));
    expect((await storedBoard(board)).cards.find((c) => c.id === card.id)!.assignees).toEqual(before);
    a.provider.destroy();
  }

  const b = connectBoard(server.url, board, teacher);
  await synced(b.provider);
  assignCard(b.doc, card.id, [...new Set([...before, ids.principal!])]);
  await eventually(async () => expect((await storedBoard(board)).cards.find((c) => c.id === card.id)!.assignees).toContain(ids.principal));
  b.provider.destroy();
});

it("signing out closes that session's sockets at once (4401), and only that session's", async () => {
  const session = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
  const other = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
  const ws = await rawSocket(server.url, board, session);
  const kept = await rawSocket(server.url, board, other);
  const closing = closed(ws);
  const out = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { cookie: session, origin: server.url, "content-type": "application/json" }, body: "{}" });
  expect(out.status).toBe(200);
  expect(await closing).toEqual({ code: 4401, reason: "session ended" });
  expect(kept.readyState).toBe(kept.OPEN);
  kept.close();
});
