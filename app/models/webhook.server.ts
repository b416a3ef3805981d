import crypto from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import { checkWebhookUrl } from "./webhook-url.server";

type Db = PrismaClient | Prisma.TransactionClient;

import { WEBHOOK_EVENTS, type WebhookEvent } from "~/domain/webhook-events";

export { WEBHOOK_EVENTS, type WebhookEvent };

/** Waits before attempt 2, 3, …; after the last the delivery is marked failed. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000] as const;
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1;

export const webhookInputSchema = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  secret: z.string().trim().min(16, "at least 16 characters").max(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "choose at least one event").max(WEBHOOK_EVENTS.length),
});

export class WebhookError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `sha256=<hex>` of "<timestamp>.<body>" with the webhook's secret: what the receiver recomputes. */
export function signature(secret: string, timestamp: string, body: string) {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export async function createWebhook(districtId: string, actorId: string, input: z.infer<typeof webhookInputSchema>, db: PrismaClient = getDb()) {
  const verdict = await checkWebhookUrl(input.url);
  if (!verdict.ok) throw new WebhookError(verdict.code, verdict.message);
  const secret = input.secret ?? crypto.randomBytes(24).toString("base64url");
  const row = await db.webhook.create({ data: { districtId, url: verdict.url.toString(), secret, events: [...new Set(input.events)].join(","), createdById: actorId } });
  await subscriptionsChanged(districtId);
  return { id: row.id, secret };
}

export async function deleteWebhook(districtId: string, id: string, db: PrismaClient = getDb()) {
  const { count } = await db.webhook.deleteMany({ where: { id, districtId } });
  if (count === 1) await subscriptionsChanged(districtId);
  return count === 1;
}

type Subscription = { id: string; events: string[] };
type CachedSubscriptions = { readAt: number; hooks: Promise<Subscription[]> };
const g = globalThis as unknown as { __webhookSubscriptions?: Map<string, CachedSubscriptions> };
// On globalThis: the server and the Remix build each import this module (as db.server.ts does).
const cache = () => (g.__webhookSubscriptions ??= new Map());

async function readSubscriptions(districtId: string, db: Db): Promise<Subscription[]> {
  const rows = await db.webhook.findMany({ where: { districtId, active: true }, select: { id: true, events: true } });
  return rows.map((h) => ({ id: h.id, events: h.events.split(",") }));
}

/**
 * The district's active webhooks, read again at most every WEBHOOK_CACHE_MS (the board's
 * automatic events, one lookup per tick otherwise). The age counts from when the read was
 * issued, so an entry never describes a state older than its age; see `subscriptionsChanged`.
 */
function cachedSubscriptions(districtId: string, db: Db): Promise<Subscription[]> {
  const ttl = getEnv().WEBHOOK_CACHE_MS;
  if (ttl === 0) return readSubscriptions(districtId, db);
  const hit = cache().get(districtId);
  if (hit && performance.now() - hit.readAt < ttl) return hit.hooks;
  const entry: CachedSubscriptions = { readAt: performance.now(), hooks: readSubscriptions(districtId, db) };
  cache().set(districtId, entry);
  entry.hooks.catch(() => cache().get(districtId) === entry && cache().delete(districtId));
  return entry.hooks;
}

/**
 * After a webhook of the district was created or deleted (committed): this instance forgets its
 * list now, and the change is acknowledged only once every other instance's list is older than
 * the commit (WEBHOOK_CACHE_MS later). An edit made after the answer therefore reaches a new
 * webhook, and no longer reaches a deleted one, whichever instance accepts it.
 */
async function subscriptionsChanged(districtId: string) {
  cache().delete(districtId);
  const ttl = getEnv().WEBHOOK_CACHE_MS;
  if (ttl > 0) await new Promise((resolve) => setTimeout(resolve, ttl));
}

/** The settings page: each webhook with its latest deliveries (the secret never leaves again). */
export async function listWebhooks(districtId: string, db: PrismaClient = getDb()) {
  const hooks = await db.webhook.findMany({ where: { districtId }, orderBy: { createdAt: "asc" }, include: { deliveries: { orderBy: { createdAt: "desc" }, take: 20 } } });
  return hooks.map((h) => ({
    id: h.id,
    url: h.url,
    events: h.events.split(",").filter(Boolean),
    secretHint: `…${h.secret.slice(-4)}`,
    deliveries: h.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      at: d.createdAt.toISOString(),
      nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    })),
  }));
}

/**
 * Queues an event for every webhook of the district that asked for it (one durable row each, in
 * the caller's transaction when given), then tries them in the background: nothing here waits for a
 * receiver.
 */
export async function queueWebhookEvent(
  districtId: string,
  event: WebhookEvent,
  /** The event's data, or how to read it: then only read when some webhook asked for the event. */
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  db: Db = getDb(),
  at = new Date(),
) {
  return queueWebhookEvents(districtId, [{ event, data, at }], db);
}

export interface QueuedWebhookEvent {
  event: WebhookEvent;
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  at: Date;
}

/**
 * Several events of one district, in order, with one INSERT for all their deliveries. `cached`
 * (the board's automatic events): the webhook list may be up to WEBHOOK_CACHE_MS old, which
 * `subscriptionsChanged` makes safe; elsewhere it is read now. Returns the deliveries queued.
 */
export async function queueWebhookEvents(districtId: string, events: QueuedWebhookEvent[], db: Db = getDb(), opts: { cached?: boolean } = {}): Promise<number> {
  if (events.length === 0) return 0;
  const hooks = await (opts.cached ? cachedSubscriptions(districtId, db) : readSubscriptions(districtId, db));
  const rows: { webhookId: string; event: string; payload: string; nextAttemptAt: Date }[] = [];
  for (const { event, data, at } of events) {
    const targets = hooks.filter((h) => h.events.includes(event));
    if (targets.length === 0) continue;
    const payload = JSON.stringify({ event, at: at.toISOString(), data: typeof data === "function" ? await data() : data });
    for (const h of targets) rows.push({ webhookId: h.id, event, payload, nextAttemptAt: at });
  }
  if (rows.length === 0) return 0;
  try {
    await db.webhookDelivery.createMany({ data: rows });
  } catch (err) {
    // A webhook deleted since the list was read (its delivery has nothing to belong to): read it now.
    if (!opts.cached) throw err;
    cache().delete(districtId);
    return queueWebhookEvents(districtId, events, db);
  }
  // Outside a transaction the rows are visible now; inside one, the caller kicks after its commit.
  if ("$transaction" in db) kickDeliveries(db as PrismaClient);
  return rows.length;
}

/** Tries due deliveries in the background (never awaited by a request; a slow receiver holds up nothing). */
export function kickDeliveries(db: PrismaClient = getDb()) {
  setImmediate(() => void deliverDue(new Date(), db).catch((err) => getLogger().error({ err }, "webhook delivery failed")));
}

/**
 * Sends every pending delivery whose time has come. Each attempt is claimed first with a
 * conditional update (attempts = n → n+1), so two instances never send the same attempt.
 */
export async function deliverDue(now: Date = new Date(), db: PrismaClient = getDb()) {
  const due = await db.webhookDelivery.findMany({ where: { status: "pending", nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, take: 50, include: { webhook: true } });
  let sent = 0;
  await Promise.all(
    due.map(async (d) => {
      const attempt = d.attempts + 1;
      const wait = BACKOFF_MS[attempt - 1];
      const claimed = await db.webhookDelivery.updateMany({
        where: { id: d.id, status: "pending", attempts: d.attempts },
        data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + (wait ?? 0)), ...(wait === undefined ? { status: "sending" } : {}) },
      });
      if (claimed.count !== 1) return;
      const result = await post(d.webhook.url, d.webhook.secret, d.id, d.event, d.payload);
      // updateMany: the webhook (and with it this delivery) may have been deleted while it was sent.
      if (result.ok) {
        sent++;
        await db.webhookDelivery.updateMany({ where: { id: d.id }, data: { status: "delivered", deliveredAt: new Date(), lastStatus: result.status, lastError: null } });
      } else {
        await db.webhookDelivery.updateMany({ where: { id: d.id }, data: { lastStatus: result.status ?? null, lastError: result.error.slice(0, 500), ...(wait === undefined ? { status: "failed" } : {}) } });
      }
    }),
  );
  return sent;
}

async function post(url: string, secret: string, id: string, event: string, body: string): Promise<{ ok: true; status: number } | { ok: false; status?: number; error: string }> {
  const verdict = await checkWebhookUrl(url);
  if (!verdict.ok) return { ok: false, error: verdict.message };
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(url, {
      method: "POST",
      // A redirect could lead anywhere, including inside the network: never follow one.
      redirect: "manual",
      signal: AbortSignal.timeout(getEnv().WEBHOOK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "CampaignBoard-Webhook/1",
        "x-campaign-event": event,
        "x-campaign-delivery": id,
        "x-campaign-timestamp": timestamp,
        "x-campaign-signature": signature(secret, timestamp, body),
      },
      body,
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    return { ok: false, error: name === "TimeoutError" ? "timed out" : err instanceof Error ? err.message : String(err) };
  }
}
