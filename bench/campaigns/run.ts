/**
 * bench/campaigns — time to launch a campaign to 1,000 school boards and to publish one change to
 * all of them, beside a baseline for each in the same run:
 *   launch:  ours writes each new board's first snapshot with its row; the baseline makes an
 *            empty board and brings it to version 1 through its room (the path every later edit takes).
 *   publish: ours merges the change into every board through its room (validated, logged, live);
 *            the baseline re-initialises every document from the new template and overwrites the
 *            snapshot — quick, but it erases every tick and school card, and open browsers never see it.
 *   npm run bench:campaigns            (BENCH_SCHOOLS=200 for a quick run)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import * as Y from "yjs";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 1000);
const dir = path.resolve("bench/.tmp/campaigns");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${dir}/bench.db`;
process.env.LOG_LEVEL = "error";
process.env.NODE_ENV = "production";
execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, NODE_OPTIONS: "-r ./scripts/unref-long-timers.cjs" } });

const { configureSqlite, disconnectDb, getDb } = await import("../../app/utils/db.server");
const { getCollab, setCollab } = await import("../../app/models/collab.server");
const { createCollabService } = await import("../../server/collab/index");
const { projectBoard } = await import("../../app/models/projection.server");
const { createCampaign, launchCampaign, publishCampaign, saveDraft, editableTemplate } = await import("../../app/models/campaign.server");
const { decodeBoard, initBoardDoc, setChecklistItemDone, addCard, LEVELS, PLAN_2023_TEMPLATE } = await import("../../app/domain");
const { mergeTemplate } = await import("../../app/domain/template-merge");

const db = getDb();
await configureSqlite(db);
const ms = (t0: number) => performance.now() - t0;
const rss = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const fmt = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

// ---- a district of SCHOOLS schools and its officer ----
const district = await db.district.create({ data: { slug: "bench", name: "Bench district" } });
await db.school.createMany({
  data: Array.from({ length: SCHOOLS }, (_, i) => ({ districtId: district.id, slug: `s-${String(i).padStart(4, "0")}`, name: `School ${i}`, level: LEVELS[i % 3]!, ward: "bac-son" })),
});
const officer = await db.user.create({ data: { id: "bench-officer", name: "Officer", email: "officer@bench", memberships: { create: { role: "district_admin", districtId: district.id } } } });
const details = (name: string) => ({ name, planNumber: "1/KH", planDate: "2023-04-10", startDate: "2023-04-10", issuer: "Bench", parentPlan: "", deadline: "2023-12-05", levels: [...LEVELS] });
const ours = await createCampaign(district.id, details("Ours"), officer.id);
const base = await createCampaign(district.id, details("Baseline"), officer.id);
// No HTTP server here: hand the app a collaboration service as server/index.ts does.
setCollab(createCollabService());
const collab = await getCollab();

// ---- launch ----
let t0 = performance.now();
const launched = await launchCampaign(ours, officer.id, { wait: true });
const launchOurs = ms(t0);
if (launched.job?.status !== "done" || launched.job.done !== SCHOOLS) throw new Error(`launch ended ${JSON.stringify(launched.job)}`);

t0 = performance.now();
const template = { cards: PLAN_2023_TEMPLATE };
for (const school of await db.school.findMany({ orderBy: { slug: "asc" } })) {
  const empty = new Y.Doc();
  initBoardDoc(empty, []);
  const board = await db.board.create({ data: { campaignId: base.id, schoolId: school.id, document: { create: { state: Buffer.from(Y.encodeStateAsUpdate(empty)) } } } });
  const result = await collab.change(board.id, (doc) => void mergeTemplate(doc, template, 1), { userId: officer.id, trusted: true });
  if (!result.ok) throw new Error(result.message);
  await db.board.update({ where: { id: board.id }, data: { templateVersion: 1 } });
}
await db.campaign.update({ where: { id: base.id }, data: { status: "active", publishedVersion: 1 } });
const launchBaseline = ms(t0);
// The room projects a moment later, off the request path: wait until the overview's tables have every board.
while ((await db.boardStat.count({ where: { campaignId: base.id } })) < SCHOOLS) await new Promise((r) => setTimeout(r, 50));
const launchBaselineProjected = ms(t0);
const rssAfterLaunch = rss();

// ---- a year of work on every tenth board of both campaigns: ticks and a school card ----
let ticks = 0;
for (const campaignId of [ours.id, base.id]) {
  const boards = await db.board.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
  for (const [i, board] of boards.entries()) {
    if (i % 10 !== 0) continue;
    const cards = decodeBoard(await collab.readDoc(board.id)).cards.slice(0, 4);
    await collab.change(board.id, (doc) => {
      for (const card of cards) for (const item of card.checklist) setChecklistItemDone(doc, card.id, item.id, true, { userId: officer.id, at: new Date("2023-06-01T03:00:00Z") });
      addCard(doc, { title: "Việc riêng", category: "environment", createdBy: officer.id });
    }, { userId: null, trusted: true });
    if (campaignId === ours.id) ticks += cards.reduce((n, c) => n + c.checklist.length, 0);
  }
}

// ---- publish one change: a new checklist item and a moved due date ----
const change = (cards: typeof PLAN_2023_TEMPLATE) => {
  const next = structuredClone(cards);
  next[0]!.checklist.push({ templateId: "tpl-action-plan-4", text: "Báo cáo sơ kết tháng 11", needsEvidence: true });
  next[6]!.dueDate = "2023-11-20";
  return { cards: next };
};
const fresh = await db.campaign.findUniqueOrThrow({ where: { id: ours.id } });
await saveDraft(fresh, change((await editableTemplate(fresh)).template.cards), officer.id);
t0 = performance.now();
const published = await publishCampaign(fresh, officer.id, "Bench change", { wait: true });
const publishOurs = ms(t0);
if (published.job?.status !== "done") throw new Error(`publish ended ${JSON.stringify(published.job)}`);
// The overview reads the projection: wait until every board's rows show the new item.
while ((await db.checklistRow.count({ where: { campaignId: ours.id, templateId: "tpl-action-plan-4" } })) < SCHOOLS) await new Promise((r) => setTimeout(r, 50));
const publishProjected = ms(t0);
const kept = await db.checklistRow.count({ where: { campaignId: ours.id, done: true } });

t0 = performance.now();
const v2 = change(PLAN_2023_TEMPLATE);
for (const board of await db.board.findMany({ where: { campaignId: base.id } })) {
  const doc = new Y.Doc();
  initBoardDoc(doc, v2.cards, { templateVersion: 2 });
  await db.$transaction([
    db.boardUpdate.deleteMany({ where: { boardId: board.id } }),
    db.boardDocument.update({ where: { boardId: board.id }, data: { state: Buffer.from(Y.encodeStateAsUpdate(doc)), upToId: 0 } }),
  ]);
  await projectBoard(board, doc, { db });
}
const publishBaseline = ms(t0);
const lost = ticks - (await db.checklistRow.count({ where: { campaignId: base.id, done: true } }));

const rssAfterPublish = rss();
const rooms = (collab as unknown as { roomCount?: () => number }).roomCount?.() ?? "?";

console.log(`\nCampaign launch and publish, ${SCHOOLS} school boards (${PLAN_2023_TEMPLATE.length} cards each); one run, same process\n`);
console.log("| step | baseline | Campaign Board |");
console.log("|---|---|---|");
console.log(`| launch: every board created | ${fmt(launchBaseline)} (empty board + version 1 merged through its room) | ${fmt(launchOurs)} (first snapshot written with the row) |`);
console.log(`| launch: every board in the overview's tables | ${fmt(launchBaselineProjected)} | ${fmt(launchOurs)} (projected in the job) |`);
console.log(`| publish one change: on every board, durable and live | never live (re-init overwrites snapshots: ${fmt(publishBaseline)}) | ${fmt(publishOurs)} (merged through each room) |`);
console.log(`| publish: in the overview's tables | ${fmt(publishBaseline)} | ${fmt(publishProjected)} |`);
console.log(`| ticks on the 10 % of boards schools worked on | ${ticks - lost} of ${ticks} kept | ${kept} of ${ticks} kept |`);
console.log(`\nper board: launch ${(launchOurs / SCHOOLS).toFixed(1)} ms, publish ${(publishOurs / SCHOOLS).toFixed(1)} ms.`);
console.log(`memory: rss ${rssAfterLaunch} MiB after both launches, ${rssAfterPublish} MiB after publishing (${rooms} rooms in memory until idle unload)`);

await collab.flush();
await disconnectDb();
process.exit(0);
