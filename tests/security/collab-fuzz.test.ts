import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeBoard, moveCard, readBoard } from "~/domain";
import { loadBoardDoc } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf, storedBoard } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { fuzzCollab, type FuzzTarget } from "./collab-fuzz";

// Issue 9, "Done when": a fixed-seed run of ≥ 20,000 hostile frames in `npm test`, in bounded time.
// The longer run is `npm run fuzz:collab` (scripts/fuzz-collab.ts).
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 9);

let server: StartedServer;
const targets: FuzzTarget[] = [];
let quietBoard: string;
let quietCookie: string;

beforeAll(async () => {
  // The message rate limit is what a flood meets first; lifted here so the frames reach the parts
  // behind it. Every other limit is the real one.
  server = await startTestServer({ collab: { limits: { messageBurst: 1e9, messagesPerSecond: 1e9 } } });
  for (const [slug, email] of [
    ["th-bac-son", "giaovien.th-bac-son@kienan.demo"],
    ["th-bac-son", "hieutruong.th-bac-son@kienan.demo"],
    ["th-bac-son", "so.gddt@kienan.demo"], // read-only
    ["mn-phu-lien", "giaovien.mn-phu-lien@kienan.demo"],
  ] as const) {
    const userId = (await getDb().user.findUniqueOrThrow({ where: { email } })).id;
    targets.push({ boardId: await boardIdOf(slug), cookie: await signIn(server.url, email), userId });
  }
  quietBoard = await boardIdOf("thcs-lam-ha");
  quietCookie = await signIn(server.url, "giaovien.thcs-lam-ha@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

it(`${FRAMES} hostile frames (seed ${SEED}): the server stays up, other boards carry on, nothing invalid is stored`, { timeout: 600_000 }, async () => {
  const quiet = connectBoard(server.url, quietBoard, quietCookie);
  await synced(quiet.provider);
  const quietLog = await getDb().boardUpdate.count({ where: { boardId: quietBoard } });
  const rssBefore = process.memoryUsage().rss;

  const report = await fuzzCollab({ baseUrl: server.url, targets, count: FRAMES, seed: SEED });
  const rssAfter = process.memoryUsage().rss;
  console.log(JSON.stringify({ ...report, rssBeforeMB: Math.round(rssBefore / 2 ** 20), rssAfterMB: Math.round(rssAfter / 2 ** 20) }));

  expect(report.sent).toBeGreaterThanOrEqual(FRAMES);
  expect(report.stalled).toBe(0);
  // No frame made the server fail inside (1011).
  expect(Object.keys(report.closes).filter((k) => k.startsWith("1011"))).toEqual([]);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  // The board nobody attacked: untouched, and still live.
  expect(await getDb().boardUpdate.count({ where: { boardId: quietBoard } })).toBe(quietLog);
  const card = decodeBoard(quiet.doc).cards.find((c) => c.status !== "done")!;
  moveCard(quiet.doc, card.id, "done");
  await eventually(async () => expect((await storedBoard(quietBoard)).cards.find((c) => c.id === card.id)!.status).toBe("done"));
  quiet.provider.destroy();

  // The attacked boards: every stored update decodes, and snapshot + log is a valid board.
  for (const boardId of new Set(targets.map((t) => t.boardId))) {
    for (const row of await getDb().boardUpdate.findMany({ where: { boardId }, select: { data: true } })) {
      expect(() => Y.decodeUpdate(new Uint8Array(row.data))).not.toThrow();
    }
    const stored = readBoard(await loadBoardDoc(boardId));
    expect(stored.ok ? "valid" : stored.error).toBe("valid");
    // …and still editable by its own people, over HTTP.
    const owner = targets.find((t) => t.boardId === boardId && !t.cookie.includes("so.gddt"))!;
    const target = (await storedBoard(boardId)).cards.find((c) => c.status !== "in_progress")!;
    const res = await fetch(`${server.url}/api/v1/boards/${boardId}/cards/${target.id}`, {
      method: "PATCH",
      headers: { cookie: owner.cookie, "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ status: "in_progress" }),
    });
    expect(res.status).toBe(200);
  }
});
