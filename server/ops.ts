import type express from "express";
import { pingDb } from "../app/utils/db.server";
import type { Env } from "../app/utils/env.server";
import type { Metrics } from "./metrics";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * GET /readyz: 200 when the database answers and, with REDIS_URL, Redis is connected; 503 with
 * what is down otherwise (a load balancer takes the instance out; /healthz only says the process
 * lives). GET /metrics: Prometheus text, from loopback, or with `Authorization: Bearer $METRICS_TOKEN`.
 */
export function opsRoutes(app: express.Express, env: Env, deps: { metrics: Metrics; redisUp: () => boolean | null }) {
  app.get("/readyz", async (_req, res) => {
    const db = await pingDb();
    const redis = deps.redisUp();
    const ready = db && redis !== false;
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", database: db ? "up" : "down", redis: redis === null ? "not configured" : redis ? "up" : "down" });
  });
  app.get("/metrics", async (req, res) => {
    const token = env.METRICS_TOKEN;
    const bearer = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    // The socket's address, and no proxy in between: through nginx on this host every request
    // comes from loopback, but carries X-Forwarded-For (registered before the middleware that sets it).
    const fromLoopback = LOOPBACK.has(req.socket.remoteAddress ?? "") && !req.headers["x-forwarded-for"] && !req.headers["x-real-ip"];
    if (!(token && bearer === token) && !(fromLoopback && !token)) {
      res.status(403).json({ error: { code: "metrics_forbidden", message: token ? "Authorization: Bearer <METRICS_TOKEN> required" : "/metrics answers loopback only; set METRICS_TOKEN to scrape from elsewhere" } });
      return;
    }
    res.set("content-type", deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
}
