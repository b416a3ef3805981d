import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../support/collab-client";

// Finding 2, second half: two bombs killed the server and nothing started it again.

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

let supervisor: ChildProcess | null = null;
const dir = path.resolve(`tests/.tmp/supervisor-${process.pid}`);
afterAll(async () => {
  if (supervisor && supervisor.exitCode === null) {
    const done = new Promise((r) => supervisor!.once("exit", r));
    supervisor.kill("SIGTERM");
    await done;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm start supervises the server", () => {
  it("logs a crash and starts the server again", async () => {
    const port = await freePort();
    fs.mkdirSync(dir, { recursive: true });
    // This worker's migrated database: `migrate deploy` in start.mjs then has nothing to do.
    fs.copyFileSync(process.env.DATABASE_URL!.replace(/^file:/, ""), path.join(dir, "app.db"));
    const events: { msg: string; pid?: number; code?: number | null; signal?: string | null }[] = [];
    supervisor = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${dir}/app.db`, BASE_URL: `http://127.0.0.1:${port}`, DEMO_DATA: "off", LOG_LEVEL: "warn", NODE_ENV: "production", SUPERVISOR_FIRST_DELAY_MS: "200" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let buffered = "";
    supervisor.stderr!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        try {
          const event = JSON.parse(line);
          if (event.name === "supervisor") events.push(event);
        } catch {
          /* the server's own output */
        }
      }
    });
    const healthy = () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);

    await eventually(async () => expect(await healthy()).toBe(true), 120_000);
    const first = events.find((e) => e.msg === "server started")!;
    expect(first.pid).toBeGreaterThan(0);

    process.kill(first.pid!, "SIGKILL");
    await eventually(() => expect(events.some((e) => e.msg === "server crashed; restarting")).toBe(true), 30_000);
    const crash = events.find((e) => e.msg === "server crashed; restarting")!;
    expect(crash.signal).toBe("SIGKILL");
    await eventually(async () => {
      const started = events.filter((e) => e.msg === "server started");
      expect(started.length).toBe(2);
      expect(started[1].pid).not.toBe(first.pid);
      expect(await healthy()).toBe(true);
    }, 60_000);
  }, 240_000);
});
