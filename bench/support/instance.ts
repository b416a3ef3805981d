/**
 * A real instance for the benches: server/index.ts on the built app, as a child process on a free
 * port, with the production settings (NODE_ENV=production, logs at error) and limits raised only
 * where a bench opens many sockets as one person.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "../../scripts/test-services.mjs";
import { eventually } from "../../tests/support/collab-client";

export interface BenchInstance {
  name: string;
  url: string;
  child: ChildProcess;
  /** Resident memory of the process (MB). */
  rss(): number;
  /** One gauge of its /metrics. */
  metric(name: string): Promise<number>;
  /** SIGTERM, then waits for the exit (a --cpu-prof profile is written then). */
  stop(): Promise<void>;
}

export async function startBenchInstance(name: string, env: Record<string, string | undefined>, nodeArgs: string[] = []): Promise<BenchInstance> {
  const port: number = await freePort();
  const { BASE_URL: _viteBase, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/index.ts"], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: "127.0.0.1",
      BASE_URL: `http://127.0.0.1:${port}`,
      DEMO_DATA: "off",
      SCHEDULER: "off",
      LOG_LEVEL: "error",
      NODE_ENV: "production",
      LOGIN_RATE_LIMIT: "100000",
      // The benches open every socket as one or two people; a real person is held to 20.
      COLLAB_SOCKETS_PER_USER: "100000",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}`);
    if ((await fetch(`${url}/readyz`)).status !== 200) throw new Error("not ready");
  }, 150_000);
  return {
    name,
    url,
    child,
    rss: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
    metric: async (metric) => Number(new RegExp(`^${metric} (\\S+)$`, "m").exec(await (await fetch(`${url}/metrics`)).text())?.[1] ?? NaN),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
