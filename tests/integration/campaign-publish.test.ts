import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addCard, addChecklistItem, decodeBoard, moveCard, setChecklistItemDone, todayInHcm, type Board } from "~/domain";
import { addDays } from "~/domain/template-dates";
import { boardTemplateNote, criterionProgress, runCampaignJob } from "~/models/campaign.server";
import { getCollab } from "~/models/collab.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { storedBoard } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { apiAs, userId, waitForJob, type Api } from "./campaign-support";

// November: the officer adds a requirement, renames an item, moves a due date and removes an
// item and a card, on the demo district whose 30 boards already carry a year of ticks.

let server: StartedServer;
let admin: Api;
let campaignId: string;
const boards = new Map<string, { id: string; schoolId: string }>(); // slug → board
const before = new Map<string, Board>();
const local: Record<string, { ownCard: string; ownItem: string; movedCard: string; tickedSlogan: string }> = {};

const byTpl = (board: Board, templateId: string) => board.cards.find((c) => c.templateId === templateId);
const WORKING = ["th-bac-son", "mn-lam-ha", "thcs-van-dau"];
// Dates inside the demo's current campaign, whatever today is (its deadline is 150 days ahead).
let CLEANUP_DUE = "";
let GREENING_DUE = "";

beforeAll(async () => {
  server = await startTestServer();
  admin = apiAs(server.url, await signIn(server.url, "phong.gddt@kienan.demo"));
  const campaign = await getDb().campaign.findFirstOrThrow({ where: { status: "active" } });
  campaignId = campaign.id;
  CLEANUP_DUE = addDays(todayInHcm(campaign.deadline), -20);
  GREENING_DUE = addDays(todayInHcm(campaign.deadline), -10);
  for (const b of await getDb().board.findMany({ where: { campaignId }, include: { school: true } })) boards.set(b.school.slug, { id: b.id, schoolId: b.schoolId });

  // Three schools do their own work through their rooms, as their browsers would.
  const collab = await getCollab();
  for (const slug of WORKING) {
    const teacher = await userId(`giaovien.${slug}@kienan.demo`);
    const board = boards.get(slug)!;
    const current = decodeBoard(await collab.readDoc(board.id));
    const slogans = byTpl(current, "tpl-slogans")!;
    const partyCell = byTpl(current, "tpl-party-cell")!;
    const at = new Date("2023-10-02T02:00:00Z");
    const ids = { ownCard: "", ownItem: "", movedCard: partyCell.id, tickedSlogan: slogans.checklist.find((i) => i.templateId === "tpl-slogans-3")!.id };
    // Items that need evidence are ticked only with some attached (the rule is tested in evidence.test.ts).
    for (const item of slogans.checklist.filter((i) => i.needsEvidence && !i.done)) {
      await getDb().evidence.create({ data: { boardId: board.id, cardId: slogans.id, itemId: item.id, kind: "file", name: "bien-ban.pdf", mime: "application/pdf", size: 1, storageKey: `evidence/${board.id}/fixture.pdf`, uploadedById: teacher } });
    }
    const result = await collab.change(
      board.id,
      (doc: Y.Doc) => {
        for (const item of slogans.checklist) if (!item.done) setChecklistItemDone(doc, slogans.id, item.id, true, { userId: teacher, at });
        ids.ownCard = addCard(doc, { title: "Trồng cây xanh ở cổng trường", category: "cleanup_landscape", criteria: ["xanh"], createdBy: teacher });
        setChecklistItemDone(doc, ids.ownCard, addChecklistItem(doc, ids.ownCard, "Mua 20 cây giống"), true, { userId: teacher, at });
        ids.ownItem = addChecklistItem(doc, byTpl(current, "tpl-action-plan")!.id, "Việc riêng của trường về kế hoạch");
        moveCard(doc, partyCell.id, "in_progress");
      },
      { userId: teacher },
    );
    expect(result.ok).toBe(true);
    local[slug] = ids;
  }
  for (const [slug, b] of boards) before.set(slug, decodeBoard(await collab.readDoc(b.id)));
});
afterAll(async () => {
  await server?.close();
});

/** The officer's November edit of the published template. */
function novemberEdit(cards: any[]) {
  const next = structuredClone(cards);
  const card = (id: string) => next.find((c: any) => c.templateId === id);
  card("tpl-action-plan").checklist.push({ templateId: "tpl-action-plan-4", text: "Sơ kết việc thực hiện kế hoạch, báo cáo tháng 11", needsEvidence: true });
  card("tpl-communicate").checklist[0].text = "Triển khai đến toàn thể cán bộ, viên chức, người lao động";
  // A fixed day (its rule dropped) inside the current campaign.
  card("tpl-cleanup").due = null;
  card("tpl-cleanup").dueDate = CLEANUP_DUE;
  card("tpl-slogans").checklist = card("tpl-slogans").checklist.filter((i: any) => i.templateId !== "tpl-slogans-3");
  const withoutParty = next.filter((c: any) => c.templateId !== "tpl-party-cell");
  withoutParty.push({
    templateId: "tpl-nov-greening",
    section: "II.2",
    category: "cleanup_landscape",
    criteria: ["xanh", "dep"],
    title: "Ra quân trồng cây xanh đợt cuối năm",
    description: "Yêu cầu bổ sung tháng 11 của Phòng GD&ĐT.",
    dueDate: GREENING_DUE,
    checklist: [{ templateId: "tpl-nov-greening-1", text: "Ảnh chụp cây đã trồng", needsEvidence: true }],
  });
  return { cards: withoutParty };
}

describe("publishing a change to 30 boards that schools have worked on", () => {
  it("reaches every board, live, and no school loses a tick, a card or an item of its own", async () => {
    const teacherCookie = await signIn(server.url, "giaovien.th-bac-son@kienan.demo");
    const live = connectBoard(server.url, boards.get("th-bac-son")!.id, teacherCookie);
    await synced(live.provider);

    const current = (await admin(`/api/v1/campaigns/${campaignId}/template`)).json;
    expect(current).toMatchObject({ version: 2, isDraft: false });
    const saved = await admin(`/api/v1/campaigns/${campaignId}/template`, { method: "PUT", body: novemberEdit(current.template.cards) });
    expect(saved.status).toBe(200);
    expect(saved.json.changes.map((c: any) => c.kind).sort()).toEqual(
      ["card_added", "card_redated", "card_removed", "item_added", "item_removed", "item_renamed"].sort(),
    );

    const note = "Bổ sung yêu cầu trồng cây xanh đợt cuối năm; lùi hạn ra quân vệ sinh sang 20/11.";
    const published = await admin(`/api/v1/campaigns/${campaignId}/publish`, { method: "POST", body: { note } });
    expect(published.status).toBe(202);
    expect(await waitForJob(admin, campaignId)).toMatchObject({ kind: "publish", version: 2, status: "done", done: 30, total: 30 });

    // The teacher's open board received it without reconnecting.
    await eventually(() => expect(byTpl(decodeBoard(live.doc), "tpl-nov-greening")?.title).toBe("Ra quân trồng cây xanh đợt cuối năm"));
    expect(byTpl(decodeBoard(live.doc), "tpl-cleanup")?.dueDate).toBe(CLEANUP_DUE);
    live.provider.destroy();

    for (const [slug, b] of boards) {
      const after = await storedBoard(b.id);
      const was = before.get(slug)!;
      expect(after.templateVersion, slug).toBe(2);
      expect((await getDb().board.findUniqueOrThrow({ where: { id: b.id } })).templateVersion).toBe(2);
      // Every tick there was is still there, on the same item id, by the same person.
      for (const card of was.cards) {
        const now = after.cards.find((c) => c.id === card.id);
        for (const item of card.checklist.filter((i) => i.done)) {
          const kept = now?.checklist.find((i) => i.id === item.id);
          expect(kept, `${slug}: ${item.text}`).toMatchObject({ done: true, doneBy: item.doneBy, doneAt: item.doneAt });
        }
      }
      // School cards are untouched.
      for (const own of was.cards.filter((c) => c.origin === "school")) expect(after.cards.find((c) => c.id === own.id)).toEqual(own);
      expect(after.cards.filter((c) => c.templateId === "tpl-nov-greening")).toHaveLength(1);
      expect(byTpl(after, "tpl-cleanup")?.dueDate).toBe(CLEANUP_DUE);
      const renamed = byTpl(after, "tpl-communicate")!.checklist.find((i) => i.templateId === "tpl-communicate-1")!;
      expect(renamed.text).toBe("Triển khai đến toàn thể cán bộ, viên chức, người lao động");
      expect(renamed.done).toBe(byTpl(was, "tpl-communicate")!.checklist.find((i) => i.templateId === "tpl-communicate-1")!.done);
      expect(byTpl(after, "tpl-action-plan")!.checklist.some((i) => i.templateId === "tpl-action-plan-4" && !i.done)).toBe(true);
    }

    for (const slug of WORKING) {
      const after = await storedBoard(boards.get(slug)!.id);
      const ids = local[slug]!;
      // The card the school moved is archived, its ticked slogan item too; its own item stays live.
      expect(after.cards.find((c) => c.id === ids.movedCard)).toMatchObject({ archived: true, status: "in_progress" });
      expect(byTpl(after, "tpl-slogans")!.checklist.find((i) => i.id === ids.tickedSlogan)).toMatchObject({ archived: true, done: true });
      expect(byTpl(after, "tpl-action-plan")!.checklist.find((i) => i.id === ids.ownItem)).toMatchObject({ origin: "school", archived: false });
      expect(after.cards.find((c) => c.id === ids.ownCard)?.archived).toBe(false);
    }
    // A school that has not started (th-lam-ha: no progress in the demo) has them deleted outright.
    const quietBefore = before.get("th-lam-ha")!;
    expect(byTpl(quietBefore, "tpl-party-cell")).toMatchObject({ status: "planned", assignees: [] });
    expect(byTpl(quietBefore, "tpl-party-cell")!.checklist.some((i) => i.done)).toBe(false);
    const quiet = await storedBoard(boards.get("th-lam-ha")!.id);
    expect(byTpl(quiet, "tpl-party-cell")).toBeUndefined();
    expect(byTpl(quiet, "tpl-slogans")!.checklist.some((i) => i.templateId === "tpl-slogans-3")).toBe(false);

    // Schools see the note of what changed.
    expect(await boardTemplateNote(boards.get("th-bac-son")!.id)).toMatchObject({ version: 2, note });
  });

  it("is harmless to publish twice or to run the finished job again", async () => {
    const lastUpdate = async () => (await getDb().boardUpdate.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const mark = await lastUpdate();
    const again = await admin(`/api/v1/campaigns/${campaignId}/publish`, { method: "POST", body: { note: "lần hai" } });
    expect(again.status).toBe(200);
    expect(again.json.started).toBe(false);
    const job = await getDb().campaignJob.findFirstOrThrow({ where: { campaignId, kind: "publish" } });
    expect(await runCampaignJob(job.id)).toMatchObject({ status: "done", done: 30, total: 30 });
    expect(await lastUpdate()).toBe(mark);
    const versions = await getDb().templateVersion.findMany({ where: { campaignId } });
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    expect(versions.find((v) => v.version === 2)?.note).not.toBe("lần hai");
  });

  it("measures each criterion's progress against the district's targets", async () => {
    const patched = await admin(`/api/v1/campaigns/${campaignId}`, { method: "PATCH", body: { targets: { xanh: 50, van_minh: 101 } } });
    expect(patched.status).toBe(422);
    expect(patched.json.error.message).toMatch(/^targets\.van_minh/);
    await admin(`/api/v1/campaigns/${campaignId}`, { method: "PATCH", body: { targets: { xanh: 50, sang: 0 } } });
    await eventually(async () => expect(await getDb().cardRow.count({ where: { campaignId, templateId: "tpl-nov-greening" } })).toBe(30));
    const progress = await criterionProgress(campaignId);
    const xanh = progress.find((p) => p.criterion === "xanh")!;
    const rows = await getDb().cardRow.findMany({ where: { campaignId, criteria: { contains: "xanh" } } });
    expect(xanh).toMatchObject({ target: 50, done: rows.reduce((n, r) => n + r.itemsDone, 0), total: rows.reduce((n, r) => n + r.itemsTotal, 0), schools: 30 });
    expect(xanh.schoolsAtTarget).toBeGreaterThanOrEqual(0);
    // Which schools, by name, for the overview's links.
    expect(xanh.reached).toHaveLength(xanh.schoolsAtTarget!);
    expect(progress.find((p) => p.criterion === "sang")!.reached).toHaveLength(30);
    expect(progress.find((p) => p.criterion === "sang")!.schoolsAtTarget).toBe(30);
    expect(progress.find((p) => p.criterion === "dep")!.target).toBeNull();
  });
});
