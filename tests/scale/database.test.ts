import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { decodeBoard } from "~/domain";
import { readStoredBoard } from "~/models/board.server";
import { freePort } from "../../scripts/test-services.mjs";
import { boardIdOf } from "../support/boards";
import { eventually } from "../support/collab-client";
import { signIn } from "../support/server";
import { prefixFor, schoolFor, startInstance, type Instance } from "./instances";

// PostgreSQL lost under a running instance: /readyz says so (503), edits are refused and never
// acknowledged, the process stays up, and all is well again when the database comes back.
// The instance reaches PostgreSQL through a TCP relay of this test's: closing it (listener and every
// open connection) is the database going away, for this instance only.

/** A TCP relay on a port of its own to `target`; `cut()` drops it and every connection, `restore()` listens again. */
async function relay(target: URL) {
  const port: number = await freePort();
  const open = new Set<net.Socket>();
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          open.add(s);
          s.on("close", () => open.delete(s));
          s.on("error", () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
  await listen();
  return {
    port,
    async cut() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      for (const s of open) s.destroy();
      server = null;
    },
    restore: listen,
  };
}

let db: Awaited<ReturnType<typeof relay>>;
let c: Instance;

beforeAll(async () => {
  const direct = new URL(inject("scale").databaseUrl);
  db = await relay(direct);
  const through = new URL(direct);
  through.host = `127.0.0.1:${db.port}`;
  c = await startInstance("db-C", { prefix: prefixFor("database"), env: { DATABASE_URL: through.toString(), SCHEDULER: "off" } });
});
afterAll(async () => {
  await c?.stop();
  await db?.cut();
});

const readyz = async () => {
  const res = await fetch(`${c.url}/readyz`);
  return { status: res.status, body: await res.json() };
};

describe("PostgreSQL goes away under a running instance", () => {
  it("/readyz answers 503 database down, an edit is refused and not stored, the server stays up and recovers", async () => {
    const school = schoolFor(5);
    const boardId = await boardIdOf(school.slug);
    const cookie = await signIn(c.url, school.teacher);
    const board = decodeBoard((await readStoredBoard(boardId)).doc);
    const card = board.cards.find((k) => k.checklist.some((i) => !i.done && !i.needsEvidence))!;
    const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
    const tick = () =>
      fetch(`${c.url}/api/v1/boards/${boardId}/cards/${card.id}/checklist/${item.id}`, {
        method: "PATCH",
        headers: { cookie, origin: c.url, "content-type": "application/json" },
        body: JSON.stringify({ done: true }),
      });
    const storedDone = async () => decodeBoard((await readStoredBoard(boardId)).doc).cards.find((k) => k.id === card.id)!.checklist.find((i) => i.id === item.id)!.done;

    expect(await readyz()).toEqual({ status: 200, body: { status: "ready", database: "up", redis: "up" } });

    await db.cut();
    expect(await readyz()).toEqual({ status: 503, body: { status: "unavailable", database: "down", redis: "up" } });
    // Alive all the same: a supervisor or a load balancer tells "not ready" from "dead".
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    // Refused as unavailable — not as "signed out", which would send people to the sign-in page.
    const refused = await tick();
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.code).toBe("database_unavailable");
    const page = await fetch(`${c.url}/schools/${school.slug}`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(503);
    expect(await storedDone()).toBe(false);

    await db.restore();
    await eventually(async () => expect((await readyz()).status).toBe(200), 30_000);
    const accepted = await tick();
    expect(accepted.status).toBe(200);
    expect(await storedDone()).toBe(true);
    expect(c.child.exitCode).toBeNull();
  });
});
