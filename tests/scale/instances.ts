import { spawn, type ChildProcess } from "node:child_process";
import { inject } from "vitest";
import { freePort } from "../../scripts/test-services.mjs";
import { eventually } from "../support/collab-client";

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  /** kill -9, as a crash would. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** A real instance (server/index.ts) as a child process on a free port, on the suite's PostgreSQL and a Redis. */
export async function startInstance(name: string, opts: { redisUrl?: string; prefix: string; env?: Record<string, string> }): Promise<Instance> {
  const scale = inject("scale");
  const port: number = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...withoutViteBase(process.env),
      DATABASE_URL: scale.databaseUrl,
      REDIS_URL: opts.redisUrl ?? scale.redisUrl,
      REDIS_PREFIX: opts.prefix,
      INSTANCES: "2",
      INSTANCE_ID: name,
      PORT: String(port),
      HOST: "127.0.0.1",
      // Sign-in checks the Origin against BASE_URL: the address clients use.
      BASE_URL: `http://127.0.0.1:${port}`,
      DEMO_DATA: "off",
      LOG_LEVEL: process.env.SCALE_LOG_LEVEL ?? "warn",
      LOGIN_RATE_LIMIT: "1000",
      NODE_ENV: "production",
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}`);
    const res = await fetch(`${url}/readyz`);
    if (res.status !== 200) throw new Error(`instance ${name} not ready: ${res.status}`);
    // A loaded shared machine can take a minute or more to boot an instance (tsx compiles server/).
  }, 150_000);
  return {
    name,
    url,
    child,
    async crash() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A Redis key prefix of this file's own, so files (and runs) never hear each other. */
export const prefixFor = (file: string) => `cbtest:${inject("scale").runId}:${file}:`;

/** Vitest sets BASE_URL="/" (Vite's public base); an instance's must be a full URL or unset. */
function withoutViteBase(env: NodeJS.ProcessEnv) {
  const { BASE_URL: _base, ...rest } = env;
  return rest;
}

/**
 * The demo school reserved for one test (an index no other test of the suite uses), with its
 * teacher's and principal's sign-in addresses: tests never edit each other's boards.
 */
export function schoolFor(index: number) {
  const slug = inject("scale").schools[index];
  if (!slug) throw new Error(`the demo data has no ${index + 1}th school with open checklist items`);
  return { slug, teacher: `giaovien.${slug}@kienan.demo`, principal: `hieutruong.${slug}@kienan.demo` };
}
