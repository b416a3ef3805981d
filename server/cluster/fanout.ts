import type { Logger } from "pino";
import { z } from "zod";
import type { CollabApi, CollabExtension } from "../collab/hooks";
import type { Metrics } from "../metrics";
import { publish, type RedisLink } from "./redis";

/**
 * Cross-instance fan-out over Redis pub/sub, one channel per board (only instances holding the
 * board receive its traffic). After its durable append an instance publishes the update with its
 * log id and the board's previous id; a receiver at that previous id applies it, any other one
 * catches up from the database log (ADR 031). Pub/sub may lose messages; nothing depends on it
 * for durability: a gap, a Redis reconnect, or Redis being away (polled every `pollMs`) all end
 * in a catch-up from the log.
 */
const messageSchema = z.discriminatedUnion("k", [
  z.object({ k: z.literal("u"), i: z.string(), id: z.number().int(), p: z.number().int(), t: z.number(), d: z.string() }),
  z.object({ k: z.literal("a"), i: z.string(), t: z.number(), d: z.string() }),
]);

export function redisFanOutExtension(link: RedisLink, instance: string, log: Logger, opts: { metrics?: () => Metrics | undefined; pollMs?: number } = {}): CollabExtension {
  let api: CollabApi | null = null;
  const channel = (boardId: string) => `${link.prefix}board:${boardId}`;
  const boardOf = (ch: string) => ch.slice(`${link.prefix}board:`.length);
  let poller: NodeJS.Timeout | undefined;

  async function catchUpAll(why: string) {
    if (!api) return;
    let applied = 0;
    for (const room of api.rooms()) applied += await api.catchUp(room.key.id).catch(() => 0);
    if (applied) {
      opts.metrics?.()?.catchUps.inc();
      log.info({ applied, why }, "caught up from the database log");
    }
  }

  link.sub.on("message", (ch: string, raw: string) => {
    if (!api || !ch.startsWith(`${link.prefix}board:`)) return;
    let parsed: z.infer<typeof messageSchema>;
    try {
      const result = messageSchema.safeParse(JSON.parse(raw));
      if (!result.success) return;
      parsed = result.data;
    } catch {
      return;
    }
    if (parsed.i === instance) return;
    const boardId = boardOf(ch);
    const bytes = Buffer.from(parsed.d, "base64");
    if (parsed.k === "a") return api.applyPresence(boardId, bytes);
    opts.metrics?.()?.lag.observe(Math.max(0, Date.now() - parsed.t) / 1000);
    void api.applyPublished(boardId, bytes, parsed.id, parsed.p).catch((err) => log.error({ err, boardId }, "applying a published update failed"));
  });

  link.onReady(() => {
    clearInterval(poller);
    poller = undefined;
    void catchUpAll("redis reconnected");
  });
  link.onDown(() => {
    // While Redis is away, other instances' updates reach this one's clients by polling the log.
    poller ??= setInterval(() => void catchUpAll("redis down"), opts.pollMs ?? 1_000);
    poller.unref();
  });

  return {
    name: "redis-fan-out",
    onStart(given) {
      api = given;
    },
    async onLoad({ room }) {
      await link.sub.subscribe(channel(room.key.id)).catch((err) => log.warn({ err: err.message }, "redis subscribe failed"));
      // What was published between reading the log and subscribing would be missed: read again once loaded.
      setTimeout(() => void api?.catchUp(room.key.id).catch(() => undefined), 0);
    },
    onUnload({ room }) {
      link.sub.unsubscribe(channel(room.key.id)).catch(() => undefined);
    },
    onAccepted({ room, update, updateId, prevId }) {
      publish(link, channel(room.key.id), JSON.stringify({ k: "u", i: instance, id: updateId, p: prevId, t: Date.now(), d: Buffer.from(update).toString("base64") }), log);
    },
    onPresence({ room, update, origin }) {
      // Only presence from a local socket travels; relayed presence has no origin.
      if (origin) publish(link, channel(room.key.id), JSON.stringify({ k: "a", i: instance, t: Date.now(), d: Buffer.from(update).toString("base64") }), log);
    },
    onDestroy() {
      clearInterval(poller);
    },
  };
}
