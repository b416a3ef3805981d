import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCard, moveCard, setChecklistItemDone } from "~/domain";
import { getCollab } from "~/models/collab.server";
import { projectBoard } from "~/models/projection.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { signIn, startTestServer } from "../support/server";
import { figures, getJson, lineOf, liveBoard, overviewJson, projected, userId } from "./overview-support";

const run = promisify(execFile);
let server: StartedServer;
let base: string;
let admin: string;
// The process's logger, writing error lines here instead of stdout, so the test can read them.
const logLines: string[] = [];

beforeAll(async () => {
  (globalThis as { __logger?: pino.Logger }).__logger = pino({ level: "error" }, { write: (line: string) => logLines.push(line) });
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

/** The projection tables, in a stable order, without the bookkeeping column `updatedAt`. */
async function tables() {
  const db = getDb();
  const [stats, cards, items] = await Promise.all([
    db.boardStat.findMany({ orderBy: { boardId: "asc" } }),
    db.cardRow.findMany({ orderBy: [{ boardId: "asc" }, { cardId: "asc" }] }),
    db.checklistRow.findMany({ orderBy: [{ boardId: "asc" }, { itemId: "asc" }] }),
  ]);
  return { stats: stats.map(({ updatedAt: _, ...s }) => s), cards, items };
}

async function rebuild() {
  const { stdout } = await run("npm", ["run", "--silent", "projection:rebuild"], {
    env: { ...process.env, LOG_LEVEL: "silent", NODE_OPTIONS: "" },
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as { boards: number; projected: number; unreadable: { boardId: string }[] };
}

describe("npm run projection:rebuild", () => {
  it("rebuilds from the documents exactly what the live projection wrote", async () => {
    // Live edits of several kinds on two boards, each projected by the collaboration server.
    const collab = await getCollab();
    for (const slug of ["th-van-dau", "mn-quan-tru"]) {
      const boardId = await boardIdOf(slug);
      const teacher = await userId(`giaovien.${slug}@kienan.demo`);
      const board = await liveBoard(boardId);
      const open = board.cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
      const done = projected(boardId);
      const result = await collab.change(
        boardId,
        (doc) => {
          setChecklistItemDone(doc, open.id, open.checklist.find((i) => !i.done && !i.needsEvidence)!.id, true, { userId: teacher, at: new Date() });
          moveCard(doc, board.cards.at(-1)!.id, "in_progress");
          addCard(doc, { title: "Trồng thêm cây xanh trước cổng trường", category: "cleanup_landscape", criteria: ["xanh"], dueDate: "2023-09-30", createdBy: teacher });
        },
        { userId: teacher },
      );
      expect(result, slug).toMatchObject({ ok: true });
      await done;
    }
    const live = await tables();
    expect(live.cards.some((c) => c.title === "Trồng thêm cây xanh trước cổng trường")).toBe(true);

    // Over a live projection, a rebuild changes nothing.
    const report = await rebuild();
    // Every board of both demo campaigns (30 schools × the closed 2023 one and the current one).
    expect(report).toMatchObject({ boards: 60, projected: 60, unreadable: [] });
    expect(await tables()).toEqual(live);

    // From empty tables, it writes the same rows; last activity is then read from the update
    // log and the ticks (the live value was the moment of projection), so it is compared apart.
    await getDb().$transaction([getDb().cardRow.deleteMany(), getDb().checklistRow.deleteMany(), getDb().boardStat.deleteMany()]);
    expect((await getJson(base, "/api/v1/overview?campaignId=" + live.stats[0]!.campaignId, admin)).body.totals.unreadable).toBe(30);
    await rebuild();
    const rebuilt = await tables();
    const withoutActivity = (t: typeof live) => ({ ...t, stats: t.stats.map(({ lastActivityAt: _, ...s }) => s) });
    expect(withoutActivity(rebuilt)).toEqual(withoutActivity(live));
    // Last activity is the last change by a school member: the boards edited above have one; a board
    // no member has touched (the seed's "not started" schools) has none.
    const edited = new Set([await boardIdOf("th-van-dau"), await boardIdOf("mn-quan-tru")]);
    expect(rebuilt.stats.filter((s) => edited.has(s.boardId)).map((s) => s.lastActivityAt !== null)).toEqual([true, true]);
    const overview = await overviewJson(base, admin);
    expect(overview.totals.unreadable).toBe(0);
    expect(lineOf(overview, "th-van-dau").progress).toEqual(figures(await liveBoard(await boardIdOf("th-van-dau")), overview.today).progress);
  });
});

describe("a board that cannot be read", () => {
  it("is shown as unreadable, left out of the totals, and logged — never counted as zero", async () => {
    const before = await overviewJson(base, admin);
    const boardId = await boardIdOf("thcs-nam-son");
    const board = await getDb().board.findUniqueOrThrow({ where: { id: boardId } });
    const good = lineOf(before, "thcs-nam-son");

    // A document with content under a foreign root fails validation, as a corrupted one would.
    const doc = await (await getCollab()).readDoc(boardId);
    doc.getMap("intruder").set("x", 1);
    const result = await projectBoard(board, doc);
    expect(result.ok).toBe(false);

    const after = await overviewJson(base, admin);
    const line = lineOf(after, "thcs-nam-son");
    expect(line).toMatchObject({ status: "unreadable", progress: null, cards: null, overdue: null });
    expect(line.error).toContain("intruder");
    expect(logLines.some((l) => l.includes("board document cannot be projected") && l.includes(boardId))).toBe(true);
    expect(after.totals.unreadable).toBe(1);
    expect(after.totals.checklist.total).toBe(before.totals.checklist.total - good.progress!.total);
    expect(after.totals.checklist.done).toBe(before.totals.checklist.done - good.progress!.done);

    const page = await fetch(`${base}/overview`, { headers: { cookie: admin } });
    const html = await page.text();
    expect(html).toContain("Không đọc được");
    expect(html).toContain("1 trường không đọc được bảng");

    // Stored bytes that do not decode at all: the rebuild reports the board and marks it.
    const stored = await getDb().boardDocument.findUniqueOrThrow({ where: { boardId } });
    const updates = await getDb().boardUpdate.findMany({ where: { boardId } });
    await getDb().boardUpdate.deleteMany({ where: { boardId } });
    await getDb().boardDocument.update({ where: { boardId }, data: { state: Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]) } });
    const report = await rebuild();
    expect(report.unreadable.map((u) => u.boardId)).toEqual([boardId]);
    expect(lineOf(await overviewJson(base, admin), "thcs-nam-son").status).toBe("unreadable");

    // Restored, the next rebuild counts it again.
    await getDb().boardDocument.update({ where: { boardId }, data: { state: stored.state } });
    for (const u of updates) await getDb().boardUpdate.create({ data: u });
    const healed = await rebuild();
    expect(healed.unreadable).toEqual([]);
    expect(lineOf(await overviewJson(base, admin), "thcs-nam-son").progress).toEqual(good.progress);
  });
});

describe("the live projection", () => {
  /** One board's rows, without the bookkeeping column `updatedAt`. */
  async function rowsOf(boardId: string) {
    const db = getDb();
    const [stat, cards, items] = await Promise.all([
      db.boardStat.findUniqueOrThrow({ where: { boardId } }),
      db.cardRow.findMany({ where: { boardId }, orderBy: { cardId: "asc" } }),
      db.checklistRow.findMany({ where: { boardId }, orderBy: { itemId: "asc" } }),
    ]);
    const { updatedAt: _, ...rest } = stat;
    return { stat: rest, cards, items };
  }

  it("rewrites only the cards that changed, and the whole board when another writer wrote it since", async () => {
    const collab = await getCollab();
    const boardId = await boardIdOf("th-bac-son");
    const key = await getDb().board.findUniqueOrThrow({ where: { id: boardId }, select: { id: true, campaignId: true, schoolId: true } });
    const teacher = await userId("giaovien.th-bac-son@kienan.demo");
    const open = (await liveBoard(boardId)).cards.filter((c) => c.checklist.some((i) => !i.done && !i.needsEvidence));
    expect(open.length).toBeGreaterThanOrEqual(3);
    const itemOf = (n: number) => open[n]!.checklist.find((i) => !i.done && !i.needsEvidence)!.id;
    const tick = async (n: number, value = true) => {
      const done = projected(boardId);
      const result = await collab.change(boardId, (doc) => setChecklistItemDone(doc, open[n]!.id, itemOf(n), value, { userId: teacher, at: new Date() }), { userId: teacher });
      expect(result).toMatchObject({ ok: true });
      await done;
    };
    /** The rows a whole projection of the live document writes (it rewrites every card). */
    const whole = async () => {
      const doc = await collab.readDoc(boardId);
      await projectBoard(key, doc, { at: (await getDb().boardStat.findUniqueOrThrow({ where: { boardId } })).lastActivityAt });
      doc.destroy();
      return rowsOf(boardId);
    };

    await tick(0);
    await tick(1);
    // The second projection rewrote one card: the rows are what a whole one writes.
    const live = await rowsOf(boardId);
    expect(live.items.filter((i) => i.done).length).toBeGreaterThan(0);
    expect(await whole()).toEqual(live);

    // Another writer (an instance that projected an older state, a rebuild) writes the board after
    // the room's last projection: its rows for card 2 are older than the room's.
    const older = await collab.readDoc(boardId);
    await tick(2);
    await projectBoard(key, older, { at: null });
    older.destroy();
    expect((await getDb().checklistRow.findUniqueOrThrow({ where: { boardId_itemId: { boardId, itemId: itemOf(2) } } })).done).toBe(false);
    // The room's next projection, for a change to card 0 only, sees that and rewrites every card.
    await tick(0, false);
    const after = await rowsOf(boardId);
    expect(after.items.find((i) => i.itemId === itemOf(2))!.done).toBe(true);
    expect(await whole()).toEqual(after);
  });
});
