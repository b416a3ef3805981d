import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, moveCard } from "~/domain";
import { getDb } from "~/utils/db.server";
import { seedIfEmpty } from "../../prisma/seed-data";
import { boardIdOf } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn } from "../support/server";

// The server runs as a child process so it can be killed with SIGKILL, as a crash would.
let child: ChildProcess | null = null;
let port = 0;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

async function boot() {
  child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: String(port), DEMO_DATA: "off", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200), 30_000);
}

beforeAll(async () => {
  await seedIfEmpty(getDb());
  port = await freePort();
  await boot();
});
afterAll(() => {
  child?.kill("SIGKILL");
});

describe("an accepted edit is never lost", () => {
  it("survives kill -9 right after it was broadcast, and the first client after restart gets it", async () => {
    const base = `http://127.0.0.1:${port}`;
    const board = await boardIdOf("thcs-nam-son");
    const teacher = await signIn(base, "giaovien.thcs-nam-son@kienan.demo");
    const principal = await signIn(base, "hieutruong.thcs-nam-son@kienan.demo");
    const a = connectBoard(base, board, teacher);
    const b = connectBoard(base, board, principal);
    await Promise.all([synced(a.provider), synced(b.provider)]);

    const moved = decodeBoard(a.doc).cards.filter((c) => c.status !== "done").slice(0, 5);
    for (const card of moved) moveCard(a.doc, card.id, "done");
    await eventually(() => expect(moved.every((m) => decodeBoard(b.doc).cards.find((c) => c.id === m.id)!.status === "done")).toBe(true));

    child!.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    a.provider.destroy();
    b.provider.destroy();

    await boot();
    // A fresh client with an empty document: whatever it syncs is what the server loaded.
    const c = connectBoard(base, board, await signIn(base, "giaovien.thcs-nam-son@kienan.demo"), new Y.Doc());
    await synced(c.provider);
    const after = decodeBoard(c.doc);
    expect(after.cards.length).toBeGreaterThan(0);
    for (const m of moved) expect(after.cards.find((x) => x.id === m.id)!.status).toBe("done");
    c.provider.destroy();
  });
});
