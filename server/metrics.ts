import client from "prom-client";
import type { CollabExtension } from "./collab/hooks";

/**
 * The process's Prometheus metrics (GET /metrics, see docs/deploy.md "Monitoring"). One registry
 * per server started, so several servers in one test process do not mix their figures.
 */
export function createMetrics(sources: { rooms: () => number; connections: () => number; dbUp: () => Promise<boolean>; redisUp: () => boolean | null }) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "campaign_board_" });
  new client.Gauge({ name: "collab_rooms", help: "Boards loaded in memory", registers: [registry], collect() { this.set(sources.rooms()); } });
  new client.Gauge({ name: "collab_connections", help: "Open WebSocket connections", registers: [registry], collect() { this.set(sources.connections()); } });
  const accepted = new client.Counter({ name: "collab_updates_accepted_total", help: "Updates validated and stored", registers: [registry] });
  const refused = new client.Counter({ name: "collab_updates_refused_total", help: "Updates refused, by reason", labelNames: ["code"], registers: [registry] });
  const append = new client.Histogram({
    name: "collab_append_seconds",
    help: "Validate-and-append of one update (the board's exclusive section, commit included)",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const lag = new client.Histogram({
    name: "collab_cross_instance_lag_seconds",
    help: "From an update's publication by one instance to its arrival at another",
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  const catchUps = new client.Counter({ name: "collab_catch_ups_total", help: "Catch-ups from the database log (gap, reconnect, Redis down)", registers: [registry] });
  new client.Gauge({
    name: "db_up",
    help: "1 if the database answered the last scrape",
    registers: [registry],
    async collect() {
      this.set((await sources.dbUp()) ? 1 : 0);
    },
  });
  // Only with REDIS_URL (a single instance without Redis has nothing to report).
  if (sources.redisUp() !== null) {
    new client.Gauge({
      name: "redis_up",
      help: "1 if Redis is connected, 0 if not (absent without REDIS_URL)",
      registers: [registry],
      collect() {
        this.set(sources.redisUp() ? 1 : 0);
      },
    });
  }
  return { registry, accepted, refused, append, lag, catchUps };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Counts what passes through the collaboration server's hooks. */
export function metricsExtension(metrics: () => Metrics | undefined): CollabExtension {
  return {
    name: "metrics",
    onAccepted: ({ appendMs }) => {
      metrics()?.accepted.inc();
      metrics()?.append.observe(appendMs / 1000);
    },
    onRefused: ({ refusal }) => metrics()?.refused.inc({ code: refusal.code }),
  };
}
