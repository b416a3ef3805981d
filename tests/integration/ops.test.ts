import { spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";
import { getLogger } from "~/utils/logger.server";
import type { StartedServer } from "../../server/index";
import { joinCluster } from "../../server/cluster/index";
import { startTestServer } from "../support/server";

let server: StartedServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const secret = "x".repeat(40);

describe("GET /readyz and /metrics", () => {
  it("/readyz: the database answers, Redis is not configured", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", database: "up", redis: "not configured" });
  });

  it("/metrics answers loopback in Prometheus text", async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const name of ["collab_rooms", "collab_connections", "collab_updates_accepted_total", "collab_append_seconds", "collab_cross_instance_lag_seconds"]) expect(text).toContain(`# TYPE ${name}`);
    expect(text).toMatch(/^db_up 1$/m);
    expect(text).not.toMatch(/^redis_up /m);
  });

  it("/metrics refuses a proxied request (X-Forwarded-For) and a wrong token", async () => {
    for (const headers of [{ "x-forwarded-for": "203.0.113.9" }, { "x-real-ip": "203.0.113.9", authorization: "Bearer nope" }] as Record<string, string>[]) {
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("metrics_forbidden");
    }
  });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** Runs a command to its end; resolves to its exit code and what it printed. */
function runToExit(cmd: string, args: string[], env: Record<string, string>) {
  const { BASE_URL: _viteBase, ...inherited } = process.env;
  const child = spawn(cmd, args, { env: { ...inherited, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) => child.once("exit", (code) => resolve({ code, out })));
}

describe("PostgreSQL unreachable at start", () => {
  it("the server refuses to start, says which database and what to do, and exits 1 (the supervisor retries)", async () => {
    const port = await freePort();
    const { code, out } = await runToExit(process.execPath, ["--import", "tsx", "server/index.ts"], {
      DATABASE_URL: `postgresql://cb:hunter2-secret@127.0.0.1:${port}/campaign`,
      BETTER_AUTH_SECRET: secret,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SCHEDULER: "off",
    });
    expect(code).toBe(1);
    expect(out).toContain(`Không kết nối được cơ sở dữ liệu PostgreSQL (DATABASE_URL=postgresql://cb:***@127.0.0.1:${port}/campaign)`);
    expect(out).toContain(`Can't reach database server at 127.0.0.1:${port}`);
    expect(out).toContain("Start PostgreSQL or correct DATABASE_URL");
    // Never the password, and no stack trace.
    expect(out).not.toContain("hunter2-secret");
    expect(out).not.toMatch(/^\s+at /m);
  });

  it("npm run migrate says so too, without a stack trace", async () => {
    const port = await freePort();
    const { code, out } = await runToExit(process.execPath, ["scripts/migrate.mjs"], { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/campaign` });
    expect(code).toBe(1);
    expect(out).toContain(`Can't reach database server at \`127.0.0.1:${port}\``);
    expect(out).toContain("Migrations were not applied");
    expect(out).not.toMatch(/^\s+at /m);
  });
});

describe("starting several instances", () => {
  it("INSTANCES > 1 needs PostgreSQL, Redis and a shared secret, and says which is missing", () => {
    expect(() => parseEnv({ INSTANCES: "2" })).toThrowError(/DATABASE_URL: several instances need PostgreSQL[\s\S]*REDIS_URL[\s\S]*BETTER_AUTH_SECRET/);
    expect(() => parseEnv({ REQUIRE_REDIS: "true", DATABASE_URL: "postgresql://db/x", BETTER_AUTH_SECRET: secret })).toThrowError(/REDIS_URL/);
    expect(() => parseEnv({ INSTANCES: "3", DATABASE_URL: "postgresql://db/x", REDIS_URL: "redis://r:6379", BETTER_AUTH_SECRET: secret })).not.toThrow();
  });

  it("refuses bad values: a non-Redis URL, a short METRICS_TOKEN, a bad prefix", () => {
    expect(() => parseEnv({ REDIS_URL: "http://r:6379", BETTER_AUTH_SECRET: secret })).toThrowError(/REDIS_URL/);
    expect(() => parseEnv({ METRICS_TOKEN: "short", BETTER_AUTH_SECRET: secret })).toThrowError(/METRICS_TOKEN/);
    expect(() => parseEnv({ REDIS_PREFIX: "bad prefix!", BETTER_AUTH_SECRET: secret })).toThrowError(/REDIS_PREFIX/);
  });

  it("Redis down at start: one instance runs alone, a cluster refuses and says why", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const log = getLogger().child({ test: "cluster" });
    const base = { DATABASE_URL: "postgresql://db/x", REDIS_URL: `redis://127.0.0.1:${port}`, BETTER_AUTH_SECRET: secret };
    const alone = await joinCluster(parseEnv(base), log, () => undefined);
    expect(alone.link).toBeNull();
    await expect(joinCluster(parseEnv({ ...base, INSTANCES: "2" }), log, () => undefined)).rejects.toThrow(/did not answer|unreachable/);
  });
});
