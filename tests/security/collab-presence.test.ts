import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { frames, Peer, someClientId } from "./collab-support";

// Finding 3 of issue 9: presence was quadratic (N listeners each sending to N peers) and forgeable
// (a teacher showed up as the principal, renamed and removed others; 20,000 spoofed ids and 500 KB
// states were accepted).

let server: StartedServer;
let board: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const peers: Peer[] = [];

beforeAll(async () => {
  server = await startTestServer();
  board = await boardIdOf("th-bac-son");
  for (const [k, email] of Object.entries({ teacher: "giaovien.th-bac-son@kienan.demo", principal: "hieutruong.th-bac-son@kienan.demo" })) {
    cookies[k] = await signIn(server.url, email);
    ids[k] = (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
  }
});
afterAll(async () => {
  for (const p of peers) p.close();
  await server?.close();
});

async function open(who: "teacher" | "principal") {
  const peer = await Peer.open(server.url, board, cookies[who]!);
  peers.push(peer);
  return peer;
}

const present = (clientId: number, editingCardId: string | null = null, clock = 1) =>
  frames.awareness([{ clientId, clock, state: { user: { id: "whoever", name: "Whoever", color: "#000000" }, editingCardId } }]);

it("one presence change reaches each of N clients exactly once (O(N), not N²)", async () => {
  const n = 10;
  const group: Peer[] = [];
  for (let i = 0; i < n; i++) group.push(await open(i % 2 ? "teacher" : "principal"));
  for (const [i, p] of group.entries()) p.send(present(someClientId(100 + i)));
  await eventually(() => group.forEach((p) => expect(p.states().size).toBeGreaterThanOrEqual(n)));

  const counts = group.map((p) => p.awarenessMessages.length);
  group[0]!.send(present(someClientId(100), "card-a", 2));
  // A second change after it, from the same sender: once every peer has seen it, every copy of the
  // first change has arrived too (one socket delivers in order).
  group[0]!.send(present(someClientId(100), "card-b", 3));
  await eventually(() => group.forEach((p) => expect(p.states().get(someClientId(100))?.editingCardId).toBe("card-b")));
  expect(group.map((p, i) => p.awarenessMessages.length - counts[i]!)).toEqual(Array(n).fill(2));
  for (const p of group) p.close();
});

it("the user shown is the session's, whatever the client claims", async () => {
  const teacher = await open("teacher");
  const watcher = await open("principal");
  teacher.send(frames.awareness([{ clientId: someClientId(1), clock: 1, state: { user: { id: ids.principal, name: "Hiệu trưởng", color: "#000000" } } }]));
  await eventually(() => expect(watcher.states().get(someClientId(1))).toBeDefined());
  const shown = watcher.states().get(someClientId(1))!.user as { id: string; name: string; role: string };
  expect(shown.id).toBe(ids.teacher);
  expect(shown.name).not.toBe("Hiệu trưởng");
  expect(shown.role).toBe("teacher");
  teacher.close();
  watcher.close();
});

it("a connection can neither rename nor remove another's presence", async () => {
  const principal = await open("principal");
  const teacher = await open("teacher");
  const watcher = await open("principal");
  principal.send(present(someClientId(2), "card-p"));
  await eventually(() => expect(watcher.states().get(someClientId(2))).toBeDefined());

  teacher.send(frames.awareness([{ clientId: someClientId(2), clock: 50, state: { editingCardId: "forged" } }]));
  teacher.send(frames.awareness([{ clientId: someClientId(2), clock: 51, state: null }]));
  // The teacher's own presence after the forgeries: once the watcher sees it, they were handled.
  teacher.send(present(someClientId(3)));
  await eventually(() => expect(watcher.states().get(someClientId(3))).toBeDefined());
  expect(watcher.states().get(someClientId(2))).toMatchObject({ editingCardId: "card-p", user: { id: ids.principal } });
  expect(teacher.isClosed).toBe(false);
  for (const p of [principal, teacher, watcher]) p.close();
});

it("a connection holds a few client ids at most; 20,000 ids in one message close it with 1007", async () => {
  const teacher = await open("teacher");
  const watcher = await open("principal");
  for (let i = 0; i < 50; i++) teacher.send(present(someClientId(1000 + i)));
  // Then a change to an id it does own: once the watcher sees it, all 50 claims were handled.
  teacher.send(present(someClientId(1000), "sentinel", 2));
  await eventually(() => expect(watcher.states().get(someClientId(1000))?.editingCardId).toBe("sentinel"));
  expect([...watcher.states().keys()].filter((id) => id >= someClientId(1000) && id < someClientId(1050))).toHaveLength(4);
  expect(teacher.isClosed).toBe(false);

  const flood = await open("teacher");
  flood.send(frames.awareness(Array.from({ length: 20_000 }, (_, i) => ({ clientId: someClientId(5000 + i), clock: 1, state: {} }))));
  expect((await flood.closing).code).toBe(1007);
  teacher.close();
  watcher.close();
});

it("a 500 KB state, a state with unknown fields, or one that is not JSON closes with 1007", async () => {
  for (const state of [{ editingCardId: "x".repeat(500_000) }, { cursor: { anything: true } }, "{not json"]) {
    const peer = await open("teacher");
    peer.send(frames.awareness([{ clientId: someClientId(7), clock: 1, state }]));
    expect((await peer.closing).code).toBe(1007);
  }
});

it("presence leaves with its socket, in one message to each peer", async () => {
  const teacher = await open("teacher");
  const watcher = await open("principal");
  teacher.send(present(someClientId(8)));
  await eventually(() => expect(watcher.states().get(someClientId(8))).toBeDefined());
  teacher.close();
  await eventually(() => expect(watcher.states().get(someClientId(8))).toBeUndefined());
  watcher.close();
});
