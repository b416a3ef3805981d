import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { EnvError, getEnv, generatedSecretWarning, trustProxySetting, type Env } from "../app/utils/env.server";
import { getLogger } from "../app/utils/logger.server";
import { checkpoint, configureSqlite, disconnectDb, getDb, pingDb, requireDb } from "../app/utils/db.server";
import { seedIfEmpty } from "../prisma/seed-data";
import { createUpgradeHandler } from "./upgrade";
import { crossSiteGuard, securityHeaders } from "./http-security";
import { collabRoutes } from "./collab/index";
import type { CollabOptions, CollabServer } from "./collab/service";
import { joinCluster } from "./cluster/index";
import { createMetrics, metricsExtension, type Metrics } from "./metrics";
import { opsRoutes } from "./ops";
import { setCollab } from "../app/models/collab.server";
import { resumeCampaignJobs, stopCampaignJobs, watchCampaignJobs } from "../app/models/campaign-jobs.server";
import { createScheduler, type SchedulerOptions } from "../app/models/scheduler.server";
import { setSelfOrigins } from "../app/models/webhook-url.server";

/** Where `remix vite:build` wrote the app (BUILD_DIR, default build/). */
const buildDir = () => path.resolve(process.env.BUILD_DIR ?? "build");

export interface StartedServer {
  server: http.Server;
  port: number;
  url: string;
  close: () => Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Tuning of the collaboration server (tests shorten its timers). */
  collab?: CollabOptions;
  /** The reminder scheduler: on by default (SCHEDULER=off turns it off); tests pass false or their clock. */
  scheduler?: boolean | SchedulerOptions;
}

async function loadBuild(env: Env): Promise<{ build: ServerBuild | (() => Promise<ServerBuild>); vite?: import("vite").ViteDevServer }> {
  if (env.NODE_ENV === "development") {
    const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
    return { vite, build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild> };
  }
  const file = path.resolve(buildDir(), "server/index.js");
  return { build: (await import(pathToFileURL(file).href)) as ServerBuild };
}

export async function startServer(options: StartOptions = {}): Promise<StartedServer> {
  const env = getEnv();
  const log = getLogger();
  if (generatedSecretWarning) log.warn(generatedSecretWarning);

  // Unreachable at start: refuse with a clear message (exit 1: the supervisor tries again with
  // back-off, as PostgreSQL may be starting too). Lost later: /readyz says so, edits are refused.
  await requireDb();
  await configureSqlite();
  if (env.DEMO_DATA === "on") {
    const seeded = await seedIfEmpty(getDb());
    if (seeded) log.info({ schools: seeded.schools, users: seeded.users }, "demo data seeded into an empty database");
  }

  const checkpoints = setInterval(() => void checkpoint().catch((err) => log.warn({ err }, "checkpoint failed")), 30_000);
  checkpoints.unref();

  const { build, vite } = await loadBuild(env);
  // Filled in as the parts start; the metrics and the cluster read them lazily.
  const live: { collab?: CollabServer; metrics?: Metrics } = {};
  const app = express();
  app.disable("x-powered-by");
  // Only the named proxies (or hop count) may say who the client is: req.ip is then the first
  // address they did not add themselves, never a value the client chose.
  app.set("trust proxy", trustProxySetting(env.TRUST_PROXY));
  app.use(compression());

  // Registered before the X-Forwarded-For rewrite below: /metrics tells proxied requests apart by it.
  const cluster = await joinCluster(env, log, () => live.metrics);
  const metrics = (live.metrics = createMetrics({
    rooms: () => live.collab?.roomCount() ?? 0,
    connections: () => live.collab?.connectionCount() ?? 0,
    dbUp: () => pingDb(),
    redisUp: () => (cluster.link ? cluster.link.up() : null),
  }));
  opsRoutes(app, env, { metrics, redisUp: () => (cluster.link ? cluster.link.up() : null) });

  // better-auth's rate limiter keys on the client address it reads from X-Forwarded-For;
  // unless we sit behind a trusted proxy, overwrite whatever the client sent with the socket address.
  app.use((req, _res, next) => {
    req.headers["x-forwarded-for"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });

  app.use(securityHeaders(env));
  app.use(crossSiteGuard(env));

  // Browsers ask for /favicon.ico whatever the page says; ours is an SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(buildDir(), "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir(), "client"), { maxAge: "1h" }));
  }

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  });
  app.all("*", createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }));

  const server = http.createServer(app);
  const collab = await collabRoutes({
    ...options.collab,
    limits: { socketsPerUser: env.COLLAB_SOCKETS_PER_USER, ...options.collab?.limits },
    extensions: [metricsExtension(() => live.metrics), ...cluster.extensions, ...(options.collab?.extensions ?? [])],
  });
  live.collab = collab.service;
  // The app reaches the collaboration service only through what the server hands it here
  // (with Redis, wrapped so that sign-outs and deactivations close sockets on every instance).
  setCollab(await cluster.share(collab.service));
  const upgrade = createUpgradeHandler(collab.routes);
  // Launches/publishes a previous process left half-way are finished in the background; on
  // several instances, the one that gets a job's lease runs it, and any instance takes over the
  // job of one that died once its lease lapses (app/models/campaign-jobs.server.ts).
  const resumed = await resumeCampaignJobs();
  if (resumed.length) log.info({ jobs: resumed }, "resuming campaign jobs");
  const stopWatchingJobs = watchCampaignJobs();
  server.on("upgrade", upgrade.handle);

  const port = options.port ?? env.PORT;
  await new Promise<void>((resolve) => server.listen(port, env.HOST, resolve));
  const actualPort = (server.address() as import("node:net").AddressInfo).port;
  // Webhooks may never point back at this server, under any of its names.
  setSelfOrigins([`http://localhost:${actualPort}`, `http://127.0.0.1:${actualPort}`, `http://[::1]:${actualPort}`, env.BASE_URL]);
  const schedulerOn = options.scheduler ?? env.SCHEDULER === "on";
  const scheduler = schedulerOn ? createScheduler(typeof schedulerOn === "object" ? schedulerOn : {}) : null;
  scheduler?.start();
  log.info({ port: actualPort }, `Campaign Board listening on http://localhost:${actualPort}`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      log.info("shutting down");
      clearInterval(checkpoints);
      await scheduler?.stop();
      stopWatchingJobs();
      await stopCampaignJobs();
      await upgrade.close();
      setCollab(undefined);
      await cluster.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await vite?.close();
      await disconnectDb();
    })());

  return { server, port: actualPort, url: `http://127.0.0.1:${actualPort}`, close };
}

// Run directly: `node --import tsx server/index.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let started: StartedServer;
  try {
    started = await startServer();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    // 78 (EX_CONFIG): a wrong environment; the supervisor (scripts/start.mjs) does not retry it.
    process.exit(error instanceof EnvError ? 78 : 1);
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      started.close().then(
        () => process.exit(0),
        (err) => {
          getLogger().error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}
