/**
 * bench/overview — the district overview's server time over the SQL projection, beside the naive
 * approach (load and decode every board document), in the same run, on the same data:
 * 1,000 schools × 40 cards × 5 checklist items in a temporary SQLite database.
 *   npm run bench:overview [-- --schools 1000 --runs 200 --naive-runs 5]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { generate } from "./generate";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCHOOLS = arg("schools", 1000);
const RUNS = arg("runs", 200);
const NAIVE_RUNS = arg("naive-runs", 5);

const dir = path.resolve("bench/.tmp/overview");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, "bench.db");
process.env.DATABASE_URL = `file:${file}`;
process.env.LOG_LEVEL = "error";

// Schema straight from the migrations (the Prisma CLI is not needed to read the SQL).
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
for (const m of fs.readdirSync("prisma/migrations").filter((d) => /^\d/.test(d)).sort()) {
  sqlite.exec(fs.readFileSync(path.join("prisma/migrations", m, "migration.sql"), "utf8"));
}

const t0 = performance.now();
const { campaignId, today } = generate(sqlite, SCHOOLS);
sqlite.close();
console.log(`generated ${SCHOOLS} schools × 40 cards × 5 items in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const { getDb, configureSqlite } = await import("../../app/utils/db.server");
const { findCampaign, getOverview } = await import("../../app/models/overview.server");
const { getMatrix } = await import("../../app/features/overview/matrix.server");
const { wardName } = await import("../../app/features/overview/labels");
const { boardProgress, isOverdue, readBoard } = await import("../../app/domain");
const db = getDb();
await configureSqlite(db);
const campaign = (await findCampaign(campaignId))!;

/** The API's work: one overview (schools + totals), sorted. */
async function sqlApi() {
  return getOverview(campaign, { today, sort: { key: "ward", dir: "asc", wardName } });
}
/** The page's work: the same plus charts and the compliance matrix. */
async function sqlPage() {
  const o = await getOverview(campaign, { today, breakdowns: true, sort: { key: "ward", dir: "asc", wardName } });
  await getMatrix(campaign, o.schools, { today });
  return o;
}
/** Naive: load every board's stored document (snapshot + update log), decode, validate, count. */
async function naive() {
  const [boards, docs, updates] = await Promise.all([
    db.board.findMany({ where: { campaignId }, select: { id: true } }),
    db.boardDocument.findMany({ where: { board: { campaignId } }, select: { boardId: true, state: true, upToId: true } }),
    db.boardUpdate.findMany({ where: { board: { campaignId } }, select: { boardId: true, id: true, data: true }, orderBy: { id: "asc" } }),
  ]);
  const byBoard = new Map(docs.map((d) => [d.boardId, d]));
  const totals = { done: 0, total: 0, overdue: 0, planned: 0, in_progress: 0, cardsDone: 0 };
  for (const b of boards) {
    const doc = new Y.Doc();
    const snap = byBoard.get(b.id);
    if (snap) Y.applyUpdate(doc, snap.state);
    for (const u of updates) if (u.boardId === b.id && u.id > (snap?.upToId ?? 0)) Y.applyUpdate(doc, u.data);
    const decoded = readBoard(doc);
    doc.destroy();
    if (!decoded.ok) continue;
    const p = boardProgress(decoded.board);
    totals.done += p.done;
    totals.total += p.total;
    for (const c of decoded.board.cards) {
      if (c.archived) continue;
      if (isOverdue(c, today)) totals.overdue++;
      if (c.status === "planned") totals.planned++;
      else if (c.status === "in_progress") totals.in_progress++;
      else totals.cardsDone++;
    }
  }
  return totals;
}

async function time<T>(fn: () => Promise<T>, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  return { p50: q(0.5), p95: q(0.95), last: last! };
}

const api = await time(sqlApi, RUNS, 10);
const page = await time(sqlPage, Math.max(20, Math.round(RUNS / 4)), 3);
const base = await time(naive, NAIVE_RUNS, 1);

// The two paths must agree, or the speed means nothing.
const t = api.last.totals;
const agree =
  t.checklist.done === base.last.done && t.checklist.total === base.last.total && t.overdue === base.last.overdue &&
  t.cards.planned === base.last.planned && t.cards.in_progress === base.last.in_progress && t.cards.done === base.last.cardsDone;
if (!agree) {
  console.error("SQL and naive totals differ:", t, base.last);
  process.exitCode = 1;
}

const f = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`\ntotals: ${t.checklist.done}/${t.checklist.total} items done, ${t.overdue} overdue cards, ${t.schools} schools — both paths agree: ${agree}`);
console.log(`\n| path | p50 | p95 | runs |`);
console.log(`|---|---|---|---|`);
console.log(`| naive: load + decode ${SCHOOLS} documents | ${f(base.p50)} | ${f(base.p95)} | ${NAIVE_RUNS} |`);
console.log(`| SQL projection, API (schools + totals) | ${f(api.p50)} | ${f(api.p95)} | ${RUNS} |`);
console.log(`| SQL projection, page (+ charts + matrix) | ${f(page.p50)} | ${f(page.p95)} | ${Math.max(20, Math.round(RUNS / 4))} |`);
console.log(`\nmachine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (1/5/15 min)`);
console.log(`API speed-up (p50): ${(base.p50 / api.p50).toFixed(0)}×; page speed-up (p50): ${(base.p50 / page.p50).toFixed(0)}×; aims: ≥ 20×, p95 ≤ 50 ms`);
await db.$disconnect();
