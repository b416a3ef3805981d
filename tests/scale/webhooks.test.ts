import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeBoard, setChecklistItemDone } from "~/domain";
import { getDb } from "~/utils/db.server";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, schoolFor, startInstance, type Instance } from "./instances";

// A district's webhook list is kept by each instance for WEBHOOK_CACHE_MS (docs/decisions/050).
// A webhook created or deleted on B answers only once A's list is older than the change, so a
// tick accepted on A right after B's answer already counts it, though A had just read the list.
let a: Instance;
let b: Instance;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  const prefix = prefixFor("webhooks");
  // Longer than the test's steps: without the wait on B, A would still use the list it read before.
  const env = { WEBHOOK_ALLOW_PRIVATE: "true", WEBHOOK_CACHE_MS: "4000" };
  receiver = http.createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end()));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as import("node:net").AddressInfo).port}/hook`;
  [a, b] = await Promise.all([startInstance("webhooks-A", { prefix, env }), startInstance("webhooks-B", { prefix, env })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await new Promise((r) => receiver?.close(r));
});

it("a webhook created on B gets the next tick made on A; deleted on B, A stops sending to it", async () => {
  const school = schoolFor(6);
  const board = await getDb().board.findFirstOrThrow({ where: { school: { slug: school.slug }, campaign: { status: "active" } }, select: { id: true, school: { select: { districtId: true } } } });
  const districtId = board.school.districtId;
  const admin = await signIn(b.url, "phong.gddt@kienan.demo");
  const teacherId = (await getDb().user.findUniqueOrThrow({ where: { email: school.teacher } })).id;
  const onA = connectBoard(a.url, board.id, await signIn(a.url, school.teacher));
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${b.url}${path}`, { method, headers: { cookie: admin, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  /** Deliveries of this board's ticks to one webhook. */
  const delivered = async (webhookId: string) => (await getDb().webhookDelivery.findMany({ where: { webhookId } })).filter((d) => JSON.parse(d.payload).data.board.id === board.id).length;
  try {
    await synced(onA.provider);
    const card = decodeBoard(onA.doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
    const items = card.checklist.filter((i) => !i.done && !i.needsEvidence).map((i) => i.id);
    expect(items.length).toBeGreaterThanOrEqual(1);
    const tick = (done: boolean) => setChecklistItemDone(onA.doc, card.id, items[0]!, done, { userId: teacherId, at: new Date() });
    const activity = async () => getDb().activity.count({ where: { boardId: board.id } });

    // A reads the district's list (one webhook: the control, so the tick's events are queued at all).
    const control = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
    expect(control.status).toBe(201);
    const n0 = await activity();
    tick(true);
    await eventually(async () => expect(await delivered(control.body.webhook.id)).toBe(1), 15_000);
    tick(false);
    await eventually(async () => expect(await activity()).toBe(n0 + 2), 15_000);

    // Created on B, answered: the next tick on A reaches it.
    const created = await api("POST", "/api/v1/webhooks", { url: receiverUrl, events: ["item.ticked"] });
    expect(created.status).toBe(201);
    tick(true);
    await eventually(async () => expect(await delivered(control.body.webhook.id)).toBe(2), 15_000);
    expect(await delivered(created.body.webhook.id)).toBe(1);

    // Deleted on B, answered: A's next tick still reaches the control, and nothing else.
    expect((await api("DELETE", `/api/v1/webhooks/${created.body.webhook.id}`)).status).toBe(204);
    tick(false);
    tick(true);
    await eventually(async () => expect(await delivered(control.body.webhook.id)).toBe(3), 15_000);
    expect(await getDb().webhookDelivery.count({ where: { webhookId: created.body.webhook.id } })).toBe(0);
    tick(false);
  } finally {
    onA.provider.destroy();
    await getDb().webhook.deleteMany({ where: { districtId, url: receiverUrl } });
  }
});
