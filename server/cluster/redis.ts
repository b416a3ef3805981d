import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * Two Redis connections (a subscriber cannot publish) and the link's health. Publishing never
 * queues while Redis is away (`enableOfflineQueue: false`): a message that cannot go out is
 * dropped, and the receivers catch up from the database log when the link returns.
 */
export interface RedisLink {
  pub: Redis;
  sub: Redis;
  prefix: string;
  up(): boolean;
  /** Called each time the subscriber is (re)connected and its channels are subscribed again. */
  onReady(listener: () => void): void;
  /** Called when the link goes down. */
  onDown(listener: () => void): void;
  close(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 3_000, retryStrategy: (n: number) => Math.min(n * 200, 2_000) };

/** Connects both; rejects with RedisUnavailableError if Redis does not answer within `timeoutMs`. */
export async function connectRedis(url: string, prefix: string, log: Logger, timeoutMs = 3_000): Promise<RedisLink> {
  const pub = new Redis(url, options);
  // The subscriber may queue its SUBSCRIBEs; ioredis re-subscribes by itself after a reconnect.
  const sub = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  const ready = new Set<() => void>();
  const down = new Set<() => void>();
  let wasUp = false;
  let isDown = false;
  for (const [name, conn] of [["pub", pub], ["sub", sub]] as const) {
    conn.on("error", (err) => log.debug({ err: err.message, conn: name }, "redis error"));
  }
  sub.on("ready", () => {
    if (wasUp) log.info("redis reconnected: catching up from the database log");
    wasUp = true;
    isDown = false;
    for (const l of ready) l();
  });
  sub.on("close", () => {
    // "close" comes again after every failed reconnect attempt: tell once per outage.
    if (!wasUp || isDown) return;
    isDown = true;
    log.warn("redis connection lost: updates are still stored; other instances catch up when it returns");
    for (const l of down) l();
  });
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new RedisUnavailableError(`Redis at ${redact(url)} did not answer within ${timeoutMs / 1000}s`)), timeoutMs).unref());
  try {
    await Promise.race([Promise.all([pub.connect(), sub.connect()]), timer]);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(`Redis at ${redact(url)} is unreachable: ${(error as Error).message}`);
  }
  return {
    pub,
    sub,
    prefix,
    up: () => pub.status === "ready" && sub.status === "ready",
    onReady: (l) => void ready.add(l),
    onDown: (l) => void down.add(l),
    async close() {
      ready.clear();
      down.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable REDIS_URL)";
  }
}

/** Publishes if the link is up; a failure is only logged (receivers repair gaps from the log). */
export function publish(link: RedisLink, channel: string, message: string, log: Logger) {
  if (!link.up()) return;
  link.pub.publish(channel, message).catch((err) => log.debug({ err: err.message, channel }, "redis publish failed"));
}
