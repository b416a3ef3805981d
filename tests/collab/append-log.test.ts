import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProvider, getDb } from "~/utils/db.server";
import { configureSqlite } from "~/utils/db.server";
import { seedIfEmpty } from "../../prisma/seed-data";
import { SqliteAppendLog, sqliteFile } from "../../server/collab/append-log";
import { boardIdOf } from "../support/boards";

// The group-committed update log of SQLite (ADR 048), on the worker's real database. SQLite's own:
// `npm run test:pg` leaves this file out.
if (dbProvider() !== "sqlite") throw new Error("tests/collab/append-log.test.ts runs on SQLite only");
const file = () => sqliteFile(process.env.DATABASE_URL!);
let boards: string[] = [];
const logs: SqliteAppendLog[] = [];
const openLog = (maxWaitMs?: number) => {
  const log = new SqliteAppendLog(file(), { synchronous: "NORMAL", maxWaitMs });
  logs.push(log);
  return log;
};
const stored = (ids: number[]) => getDb().boardUpdate.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
const settled = (p: Promise<unknown>) => {
  const state = { done: false };
  p.then(() => (state.done = true), () => (state.done = true));
  return state;
};

beforeAll(async () => {
  await seedIfEmpty(getDb());
  await configureSqlite();
  boards = await Promise.all(["th-bac-son", "mn-phu-lien", "thcs-lam-ha"].map((slug) => boardIdOf(slug)));
});
afterAll(() => {
  for (const log of logs) log.close();
});

describe("the update log commits appends in groups", () => {
  it("writes the appends asked for together, of several boards, in one commit, each resolved once committed", async () => {
    const log = openLog();
    const appends = boards.map((board, i) => log.append(board, Uint8Array.of(1, 2, i), null));
    const ids = await Promise.all(appends);
    expect(log.stats).toEqual({ commits: 1, rows: 3 });
    const rows = await stored(ids);
    expect(rows.map((r) => [r.boardId, [...r.data]])).toEqual(boards.map((board, i) => [board, [1, 2, i]]));
    // The next append, asked for on its own, is a commit of its own.
    await log.append(boards[0]!, Uint8Array.of(9), null);
    expect(log.stats).toEqual({ commits: 2, rows: 4 });
  });

  it("waits for a lock another connection holds without blocking the event loop, then commits", async () => {
    const log = openLog();
    const other = new Database(file());
    try {
      other.prepare("BEGIN IMMEDIATE").run();
      const append = log.append(boards[1]!, Uint8Array.of(7), null);
      const state = settled(append);
      // Timers still fire while the append waits: the loop is free (the lock's holder can commit).
      await new Promise((r) => setTimeout(r, 30));
      expect(state.done).toBe(false);
      other.prepare("COMMIT").run();
      const id = await append;
      expect((await stored([id])).map((r) => [...r.data])).toEqual([[7]]);
    } finally {
      if (other.inTransaction) other.prepare("ROLLBACK").run();
      other.close();
    }
  });

  it("refuses the appends when the lock is not released in time, and stores none of them", async () => {
    const log = openLog(20);
    const other = new Database(file());
    const before = await getDb().boardUpdate.count();
    try {
      other.prepare("BEGIN IMMEDIATE").run();
      const results = await Promise.allSettled([log.append(boards[0]!, Uint8Array.of(5), null), log.append(boards[1]!, Uint8Array.of(6), null)]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    } finally {
      other.prepare("ROLLBACK").run();
      other.close();
    }
    expect(await getDb().boardUpdate.count()).toBe(before);
  });

  it("one append that cannot be stored fails alone, not the others of its group", async () => {
    const log = openLog();
    const [good, bad] = await Promise.allSettled([log.append(boards[2]!, Uint8Array.of(3), null), log.append("no-such-board", Uint8Array.of(4), null)]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
    expect((await stored([(good as PromiseFulfilledResult<number>).value])).map((r) => r.boardId)).toEqual([boards[2]]);
  });
});
