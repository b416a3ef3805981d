import os from "node:os";
import type { Logger } from "pino";
import type { CollabService } from "../../app/models/collab.server";
import type { Env } from "../../app/utils/env.server";
import type { CollabExtension } from "../collab/hooks";
import type { Metrics } from "../metrics";
import { relayEvents } from "./events";
import { redisFanOutExtension } from "./fanout";
import { connectRedis, redact, RedisUnavailableError, type RedisLink } from "./redis";

export interface Cluster {
  instance: string;
  link: RedisLink | null;
  /** Parts for the collaboration server (empty without Redis). */
  extensions: CollabExtension[];
  /** The collaboration service the app gets: sign-outs and deactivations reach every instance. */
  share(service: CollabService): Promise<CollabService>;
  close(): Promise<void>;
}

/**
 * Joins the other instances through Redis (REDIS_URL). Without REDIS_URL this is one instance on
 * its own. With REDIS_URL but Redis unreachable: one instance starts anyway (and joins when Redis
 * answers); a cluster (INSTANCES > 1 or REQUIRE_REDIS=true) refuses to start and says why —
 * instances that cannot hear each other would serve stale boards.
 */
export async function joinCluster(env: Env, log: Logger, metrics: () => Metrics | undefined): Promise<Cluster> {
  const instance = env.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`;
  const clustered = env.INSTANCES > 1 || env.REQUIRE_REDIS === "true";
  const alone: Cluster = { instance, link: null, extensions: [], share: async (s) => s, close: async () => undefined };
  if (!env.REDIS_URL) return alone;
  let link: RedisLink;
  try {
    link = await connectRedis(env.REDIS_URL, env.REDIS_PREFIX, log.child({ component: "redis" }));
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    if (clustered) {
      throw new Error(
        `${error.message}. Với nhiều máy chủ (INSTANCES=${env.INSTANCES}, REQUIRE_REDIS=${env.REQUIRE_REDIS}) cần Redis để chia sẻ chỉnh sửa giữa các máy chủ; ` +
          `start Redis, or run a single instance without REQUIRE_REDIS.`,
      );
    }
    log.warn({ redis: redact(env.REDIS_URL) }, `${error.message}: running as a single instance`);
    return alone;
  }
  log.info({ instance, redis: redact(env.REDIS_URL) }, "joined the cluster through Redis");
  let stopEvents = () => {};
  return {
    instance,
    link,
    extensions: [redisFanOutExtension(link, instance, log.child({ component: "fan-out" }), { metrics })],
    async share(service) {
      const relay = await relayEvents(link, instance, service, log.child({ component: "events" }));
      stopEvents = relay.stop;
      return relay.service;
    },
    async close() {
      stopEvents();
      await link.close();
    },
  };
}
