import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "~/models/webhook.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { attachMissingEvidence } from "../support/evidence";
import { signIn, startTestServer } from "../support/server";
import { liveBoard } from "./overview-support";

// Outgoing webhooks against a local HTTP receiver: the signature verifies with the secret, a
// failed attempt is retried with back-off, a receiver that never answers holds nothing up.
process.env.WEBHOOK_ALLOW_PRIVATE = "true";
process.env.WEBHOOK_TIMEOUT_MS = "300";

type Received = { headers: http.IncomingHttpHeaders; body: string };
let server: StartedServer;
let receiver: http.Server;
let receiverUrl: string;
let admin: string;
let principal: string;
const received: Received[] = [];
/** What the receiver answers next: a status, or "hang" (never answer). */
const answers: (number | "hang")[] = [];
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = await startTestServer();
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") hanging.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as import("node:net").AddressInfo).port}/hook`;
  admin = await signIn(server.url, "phong.gddt@kienan.demo");
  principal = await signIn(server.url, "hieutruong.th-bac-son@kienan.demo");
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((r) => receiver?.close(r));
  await server?.close();
});

async function api(method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

function verify(secret: string, r: Received) {
  const timestamp = String(r.headers["x-campaign-timestamp"]);
  const expected = `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("hex")}`;
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(String(r.headers["x-campaign-signature"])));
}

describe("webhooks", () => {
  it("refuses bad URLs, bad bodies and people who are not the district office", async () => {
    for (const [url, code] of [
      ["ftp://example.org/x", "webhook_url_scheme"],
      ["javascript:alert(1)", "webhook_url_scheme"],
      [server.url + "/api/v1/boards", "webhook_url_self"],
      [`http://localhost:${server.port}/x`, "webhook_url_self"],
      ["not a url", "webhook_url_invalid"],
    ]) {
      const res = await api("POST", "/api/v1/webhooks", admin, { url, events: ["card.done"] });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code, url).toBe(code);
    }
    expect((await api("POST", "/api/v1/webhooks", admin, "{")).body.error.code).toBe("invalid_json");
    expect((await api("POST", "/api/v1/webhooks", admin, { url: receiverUrl, events: ["nope"] })).status).toBe(422);
    expect((await api("POST", "/api/v1/webhooks", admin, { url: receiverUrl, events: ["card.done"], secret: "short" })).status).toBe(422);
    expect((await api("POST", "/api/v1/webhooks", principal, { url: receiverUrl, events: ["card.done"] })).status).toBe(403);
    expect(await getDb().webhook.count()).toBe(0);
  });

  it("a report submission reaches the receiver signed; a 500 is retried with back-off until delivered", async () => {
    const created = await api("POST", "/api/v1/webhooks", admin, { url: receiverUrl, events: ["report.submitted"], secret: "s3cret-s3cret-s3cret" });
    expect(created.status).toBe(201);
    answers.push(500);
    const boardId = await boardIdOf("th-bac-son");
    await attachMissingEvidence(server.url, principal, boardId, await liveBoard(boardId));
    expect((await api("POST", `/api/v1/boards/${boardId}/report`, principal, { note: "xong" })).status).toBe(201);
    await eventually(() => expect(received).toHaveLength(1));
    const first = received[0];
    expect(first.headers["x-campaign-event"]).toBe("report.submitted");
    expect(verify("s3cret-s3cret-s3cret", first)).toBe(true);
    expect(verify("another-secret-entirely", first)).toBe(false);
    expect(JSON.parse(first.body)).toMatchObject({ event: "report.submitted", data: { board: { id: boardId }, note: "xong" } });
    const pending = await eventually(async () => {
      const d = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: created.body.webhook.id } });
      expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500 });
      return d;
    });
    // Not due yet: nothing is sent before the back-off has passed…
    expect(await deliverDue(new Date(pending.nextAttemptAt.getTime() - 1000))).toBe(0);
    expect(received).toHaveLength(1);
    // …then the retry goes out with the same delivery id, and is delivered.
    expect(await deliverDue(new Date(pending.nextAttemptAt.getTime() + 1))).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1].headers["x-campaign-delivery"]).toBe(first.headers["x-campaign-delivery"]);
    expect(verify("s3cret-s3cret-s3cret", received[1])).toBe(true);
    const log = await api("GET", "/api/v1/webhooks", admin);
    expect(log.body.webhooks[0].deliveries[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200 });
    expect(JSON.stringify(log.body)).not.toContain("s3cret-s3cret-s3cret");
  });

  it("a receiver that never answers does not hold up the request; the attempt times out and is logged", async () => {
    await getDb().webhook.deleteMany();
    const created = await api("POST", "/api/v1/webhooks", admin, { url: receiverUrl, events: ["report.submitted"] });
    answers.push("hang");
    const boardId = await boardIdOf("th-bac-son");
    const before = received.length;
    const res = await api("POST", `/api/v1/boards/${boardId}/report`, principal, { note: "lần 2" });
    expect(res.status).toBe(201);
    await eventually(async () => {
      const d = await getDb().webhookDelivery.findFirstOrThrow({ where: { webhookId: created.body.webhook.id } });
      expect(d).toMatchObject({ status: "pending", attempts: 1, lastError: "timed out" });
    });
    // The receiver got the request and is still holding it open: the app answered regardless.
    expect(received.length).toBe(before + 1);
    expect(hanging.length).toBe(1);
  });
});
