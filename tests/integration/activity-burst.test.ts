import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setChecklistItemDone, typeItemText } from "~/domain";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { liveBoard, userId } from "./overview-support";

// Activity written off the edit's path, a board's burst in one go (docs/decisions/050): every
// accepted edit still gets its entry, in order, with its webhook deliveries, and shutdown waits
// for them; a webhook created or deleted through the API counts from its answer on.
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

let server: StartedServer;
let receiver: http.Server;
let receiverUrl: string;
let admin: string;
let teacher: string;
let boardId: string;
let target: { cardId: string; itemId: string; text: string };

beforeAll(async () => {
  server = await startTestServer();
  receiver = http.createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end()));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as import("node:net").AddressInfo).port}/hook`;
  admin = await signIn(server.url, "phong.gddt@kienan.demo");
  teacher = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
  boardId = await boardIdOf("th-bac-son");
  // An item that needs no evidence (one that does cannot be ticked before a photo is attached).
  const open = (i: { done: boolean; archived: boolean; needsEvidence: boolean }) => !i.done && !i.archived && !i.needsEvidence;
  const card = (await liveBoard(boardId)).cards.find((c) => c.checklist.some(open))!;
  target = { cardId: card.id, itemId: card.checklist.find(open)!.id, text: card.checklist.find(open)!.text };
});
afterAll(async () => {
  await server?.close();
  await new Promise((r) => receiver?.close(r));
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, { method, headers: { cookie: admin, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

/** The teacher's socket on the board. */
async function openBoard() {
  const client = connectBoard(server.url, boardId, teacher);
  await synced(client.provider);
  return client;
}

/** Ticks the item (and, when `times` > 1, unticks it, ticks it…), then waits until the server has broadcast every update. */
async function edit(times: number, first = true) {
  const client = await openBoard();
  const watcher = await openBoard();
  try {
    let seen = 0;
    watcher.doc.on("update", () => seen++);
    const actor = await userId("giaovien.th-bac-son@kienan.demo");
    for (let n = 0; n < times; n++) setChecklistItemDone(client.doc, target.cardId, target.itemId, n % 2 === 0 ? first : !first, { userId: actor, at: new Date() });
    await eventually(() => expect([seen, client.rejected]).toEqual([times, []]), 15_000);
  } finally {
    client.provider.destroy();
    watcher.provider.destroy();
  }
}

const deliveries = (webhookId: string) => getDb().webhookDelivery.count({ where: { webhookId } });

it("a webhook created through the API gets the next tick, even when the district's list was just read", async () => {
  await edit(2); // tick and untick: the district's webhook list (none) is read and kept
  const created = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
  expect(created.status).toBe(201);
  await edit(1);
  const delivery = await eventually(() => getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: created.body.webhook.id } }));
  expect(JSON.parse(delivery.payload)).toMatchObject({ event: "item.ticked", data: { board: { id: boardId }, item: { id: target.itemId } } });
  await edit(1, false); // untick for the next test
});

it("a webhook deleted through the API gets nothing more, and the others still get theirs", async () => {
  const keep = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
  const gone = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
  await edit(2); // both get this tick, and the list holding both is the one kept
  await eventually(async () => expect(await deliveries(gone.body.webhook.id)).toBe(1));
  expect((await api("DELETE", `/api/v1/webhooks/${gone.body.webhook.id}`)).status).toBe(204);
  await edit(2);
  // A list that still held the deleted one would lose the tick for all of them (its delivery has nothing to belong to).
  await eventually(async () => expect(await deliveries(keep.body.webhook.id)).toBe(2));
  expect(await deliveries(gone.body.webhook.id)).toBe(0);
});

it("typing an item's text in a burst is one entry from the first text to the last, as one edit after another was", async () => {
  const client = await openBoard();
  try {
    const before = await getDb().activity.count({ where: { boardId, kind: "item.renamed", itemId: target.itemId } });
    let text = target.text;
    for (const next of [`${target.text} a`, `${target.text} ab`, `${target.text} abc`]) text = typeItemText(client.doc, target.cardId, target.itemId, text, next);
    const row = await eventually(async () => {
      const r = await getDb().activity.findFirstOrThrow({ where: { boardId, kind: "item.renamed", itemId: target.itemId }, orderBy: { id: "desc" } });
      expect(JSON.parse(r.detail)).toMatchObject({ from: target.text, to: `${target.text} abc` });
      return r;
    });
    expect(await getDb().activity.count({ where: { boardId, kind: "item.renamed", itemId: target.itemId } })).toBe(before + 1);
    // Later, after that entry was written: still the same entry, its start kept.
    typeItemText(client.doc, target.cardId, target.itemId, text, target.text);
    await eventually(async () => {
      const r = await getDb().activity.findUniqueOrThrow({ where: { id: row.id } });
      expect(JSON.parse(r.detail)).toMatchObject({ from: target.text, to: target.text });
    });
    expect(await getDb().activity.count({ where: { boardId, kind: "item.renamed", itemId: target.itemId } })).toBe(before + 1);
  } finally {
    client.provider.destroy();
  }
});

it("a burst of 100 edits: 100 entries in order and 50 deliveries, all written before shutdown returns", async () => {
  // A window longer than the test: nothing is written before shutdown unless shutdown writes it.
  await server.close();
  server = await startTestServer({ collab: { activityWindowMs: 600_000 } });
  const hook = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
  const last = (await getDb().activity.findFirst({ where: { boardId }, orderBy: { id: "desc" } }))?.id ?? 0;
  await edit(100);
  // No waiting for the writes: closing the server must wait for them itself.
  await server.close();
  const rows = await getDb().activity.findMany({ where: { boardId, id: { gt: last } }, orderBy: { id: "asc" } });
  expect(rows).toHaveLength(100);
  expect(rows.map((r) => r.kind)).toEqual(Array.from({ length: 100 }, (_, n) => (n % 2 === 0 ? "item.ticked" : "item.unticked")));
  expect(rows.every((r) => r.itemId === target.itemId)).toBe(true);
  expect(rows.every((r, n) => n === 0 || r.createdAt >= rows[n - 1]!.createdAt)).toBe(true);
  expect(await deliveries(hook.body.webhook.id)).toBe(50);
});
