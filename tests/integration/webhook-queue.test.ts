import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { queueWebhookEvent } from "~/models/webhook.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { liveBoard } from "./overview-support";

// An event's data can be given as a function: it is read only when some webhook asked for the
// event, so an accepted tick with no subscriber reads nothing more than the webhook list.
let server: StartedServer;
let districtId: string;
beforeAll(async () => {
  server = await startTestServer();
  districtId = (await getDb().district.findFirstOrThrow()).id;
});
afterEach(async () => {
  await getDb().webhookDelivery.deleteMany({});
  await getDb().webhook.deleteMany({ where: { districtId } });
});
afterAll(async () => {
  await server?.close();
});

it("reads an event's data only when a webhook of the district asked for that event", async () => {
  let reads = 0;
  const data = async () => {
    reads++;
    return { card: { id: "c1", title: "Tuyên truyền" } };
  };
  expect(await queueWebhookEvent(districtId, "item.ticked", data)).toBe(0);
  await getDb().webhook.create({ data: { districtId, url: "https://hooks.example/a", secret: "s", events: "card.done" } });
  expect(await queueWebhookEvent(districtId, "item.ticked", data)).toBe(0);
  expect(reads).toBe(0);

  const hook = await getDb().webhook.create({ data: { districtId, url: "https://hooks.example/b", secret: "s", events: "item.ticked,card.done" } });
  expect(await queueWebhookEvent(districtId, "item.ticked", data)).toBe(1);
  expect(reads).toBe(1);
  const delivery = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } });
  expect(JSON.parse(delivery.payload)).toMatchObject({ event: "item.ticked", data: { card: { id: "c1", title: "Tuyên truyền" } } });
});

it("a tick through the API queues item.ticked with the school's and the actor's names", async () => {
  // Not delivered during the test: the delivery row is what counts.
  const hook = await getDb().webhook.create({ data: { districtId, url: "https://hooks.example/c", secret: "s", events: "item.ticked", active: true } });
  const boardId = await boardIdOf("th-bac-son");
  const open = (i: { done: boolean; archived: boolean; needsEvidence: boolean }) => !i.done && !i.archived && !i.needsEvidence;
  const card = (await liveBoard(boardId)).cards.find((c) => c.checklist.some(open))!;
  const item = card.checklist.find(open)!;
  const cookie = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
  const res = await fetch(`${server.url}/api/v1/boards/${boardId}/cards/${card.id}/checklist/${item.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ done: true }),
  });
  expect(res.status).toBe(200);
  const teacher = await getDb().user.findUniqueOrThrow({ where: { email: "giaovien.th-bac-son@kienan.demo" } });
  const school = await getDb().school.findUniqueOrThrow({ where: { slug: "th-bac-son" } });
  const delivery = await eventually(() => getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } }));
  expect(JSON.parse(delivery.payload).data).toMatchObject({
    board: { id: boardId },
    school: { id: school.id, name: school.name, slug: "th-bac-son" },
    actor: { id: teacher.id, name: teacher.name },
    card: { id: card.id },
    item: { id: item.id },
  });
});
