import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAN_2023_OBLIGATIONS, readBoard } from "~/domain";
import { launchCampaign, ensureBoardsForSchool, jobJson } from "~/models/campaign.server";
import { loadBoardDoc } from "~/models/board.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { signIn, startTestServer } from "../support/server";
import { apiAs, NEXT_YEAR, userId, waitForJob, type Api } from "./campaign-support";

let server: StartedServer;
let admin: Api;
const others: Record<string, Api> = {};

beforeAll(async () => {
  server = await startTestServer();
  admin = apiAs(server.url, await signIn(server.url, "phong.gddt@kienan.demo"));
  for (const [role, email] of Object.entries({
    principal: "hieutruong.th-bac-son@kienan.demo",
    teacher: "giaovien.th-bac-son@kienan.demo",
    observer: "so.gddt@kienan.demo",
  })) others[role] = apiAs(server.url, await signIn(server.url, email));
});
afterAll(async () => {
  await server?.close();
});

async function boardsOf(campaignId: string) {
  return getDb().board.findMany({ where: { campaignId }, include: { school: true, stat: true } });
}

async function createNextYear(name = NEXT_YEAR.name) {
  const { status, json } = await admin("/api/v1/campaigns", { method: "POST", body: { ...NEXT_YEAR, name } });
  expect(status).toBe(201);
  return json.campaign as { id: string; status: string; deadline: string };
}

describe("who may manage campaigns", () => {
  it("only the district office: principal, teacher and observer get 403 from the pages and the API", async () => {
    const demo = await getDb().campaign.findFirstOrThrow();
    for (const api of Object.values(others)) {
      expect((await api("/api/v1/campaigns")).status).toBe(403);
      expect((await api(`/api/v1/campaigns/${demo.id}/template`, { method: "PUT", body: { cards: [] } })).status).toBe(403);
      expect((await api(`/api/v1/campaigns/${demo.id}/publish`, { method: "POST" })).status).toBe(403);
      expect((await api(`/api/v1/campaigns/${demo.id}/launch`, { method: "POST" })).status).toBe(403);
      for (const page of ["/campaigns", `/campaigns/${demo.id}`, `/campaigns/${demo.id}/template`]) {
        expect((await api(page)).status, page).toBe(403);
      }
    }
    const { json } = await others.teacher!("/api/v1/campaigns");
    expect(json.error.code).toBe("forbidden");
    expect((await admin("/api/v1/campaigns")).status).toBe(200);
    expect((await admin(`/campaigns/${demo.id}/template`)).status).toBe(200);
  });
});

describe("bad input is refused with the field named", () => {
  it("422 for an empty title, a due date after the deadline and an unknown criterion", async () => {
    const campaign = await createNextYear("Kế hoạch thử dữ liệu sai 2024");
    const { json } = await admin(`/api/v1/campaigns/${campaign.id}/template`);
    const cards = json.template.cards;
    const put = (body: unknown) => admin(`/api/v1/campaigns/${campaign.id}/template`, { method: "PUT", body });

    const blank = await put({ cards: cards.map((c: any, i: number) => (i === 2 ? { ...c, title: "  " } : c)) });
    expect(blank.status).toBe(422);
    expect(blank.json.error.message).toMatch(/^cards\.2\.title: must not be blank/);
    expect(blank.json.error.issues[0]).toMatchObject({ path: "cards.2.title", code: "required" });

    // A fixed date (no rule) after the deadline, and a rule that lands before the start.
    const late = await put({ cards: cards.map((c: any, i: number) => (i === 0 ? { ...c, due: null, dueDate: "2024-12-31" } : i === 3 ? { ...c, due: { from: "start", days: -3 } } : c)) });
    expect(late.status).toBe(422);
    expect(late.json.error.message).toMatch(/^cards\.0\.dueDate: is after the campaign deadline/);
    expect(late.json.error.issues).toContainEqual(expect.objectContaining({ path: "cards.3.dueDate", code: "before_start" }));

    const unknown = await put({ cards: cards.map((c: any, i: number) => (i === 1 ? { ...c, criteria: ["sang", "dep-lam"] } : c)) });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.issues[0]).toMatchObject({ path: "cards.1.criteria.1", code: "unknown_criterion" });

    const details = await admin("/api/v1/campaigns", { method: "POST", body: { ...NEXT_YEAR, name: "", levels: [] } });
    expect(details.status).toBe(422);
    expect(details.json.error.message).toMatch(/^name: /);
    // Nothing was stored: the draft is still the template the campaign was created with.
    expect((await admin(`/api/v1/campaigns/${campaign.id}/template`)).json.template).toEqual(json.template);
  });
});

describe("launch", () => {
  it("gives each of the 30 demo schools one board from the template, and is harmless to repeat", async () => {
    const campaign = await createNextYear();
    const launched = await admin(`/api/v1/campaigns/${campaign.id}/launch`, { method: "POST" });
    expect(launched.status).toBe(202);
    expect(launched.json.job).toMatchObject({ kind: "launch", version: 1, total: 30 });
    expect(await waitForJob(admin, campaign.id)).toMatchObject({ status: "done", done: 30, total: 30 });

    const template = (await admin(`/api/v1/campaigns/${campaign.id}/template`)).json.template;
    const boards = await boardsOf(campaign.id);
    expect(boards).toHaveLength(30);
    expect(new Set(boards.map((b) => b.schoolId)).size).toBe(30);
    for (const board of boards) {
      expect(board.templateVersion).toBe(1);
      expect(board.stat?.itemsTotal).toBeGreaterThan(0);
      const read = readBoard(await loadBoardDoc(board.id));
      if (!read.ok) throw new Error(read.error);
      expect(read.board.templateVersion).toBe(1);
      expect(read.board.cards.map((c) => c.templateId).sort()).toEqual(template.cards.map((c: any) => c.templateId).sort());
      expect(read.board.cards.every((c) => c.status === "planned" && c.checklist.every((i) => !i.done))).toBe(true);
    }
    // Due dates moved to the campaign's year.
    expect(template.cards.find((c: any) => c.templateId === "tpl-report").dueDate).toBe("2024-12-04");

    const again = await admin(`/api/v1/campaigns/${campaign.id}/launch`, { method: "POST" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("already_launched");
    expect(await boardsOf(campaign.id)).toHaveLength(30);
    const listed = (await admin("/api/v1/campaigns")).json.campaigns.find((c: any) => c.id === campaign.id);
    expect(listed).toMatchObject({ status: "active", publishedVersion: 1, boards: 30 });
  });

  it("resumes a launch that stopped half-way, without a second board or card anywhere", async () => {
    const created = await createNextYear("Kế hoạch thử gián đoạn 2024");
    const campaign = await getDb().campaign.findUniqueOrThrow({ where: { id: created.id } });
    const stop = new AbortController();
    // The process "stops" after 7 boards (one batch of 7, the batch's transaction committed): the
    // job is left running, as after a crash.
    const first = await launchCampaign(campaign, await userId("phong.gddt@kienan.demo"), {
      wait: true,
      concurrency: 1,
      batch: 7,
      signal: stop.signal,
      onBoard: (done) => done === 7 && stop.abort(),
    });
    expect(await jobJson(first.job!)).toMatchObject({ status: "running", done: 7, total: 30, active: false });
    expect(await boardsOf(campaign.id)).toHaveLength(7);
    const page = await admin(`/api/v1/campaigns/${campaign.id}`);
    expect(page.json.job).toMatchObject({ status: "running", active: false });

    // Running it again (the officer's "Chạy tiếp", or the server's boot) finishes the job.
    const resumed = await admin(`/api/v1/campaigns/${campaign.id}/launch`, { method: "POST" });
    expect(resumed.status).toBe(202);
    expect(resumed.json.job.id).toBe(first.job!.id);
    expect(await waitForJob(admin, campaign.id)).toMatchObject({ status: "done", done: 30, total: 30 });
    const boards = await boardsOf(campaign.id);
    expect(boards).toHaveLength(30);
    for (const board of boards) {
      const read = readBoard(await loadBoardDoc(board.id));
      if (!read.ok) throw new Error(read.error);
      const ids = read.board.cards.map((c) => c.templateId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(board.stat).not.toBeNull();
    }
    expect(await getDb().campaignJob.count({ where: { campaignId: campaign.id } })).toBe(1);
  });

  it("gives a school added after the launch its board in every launched campaign of its level", async () => {
    const district = await getDb().district.findFirstOrThrow();
    const school = await getDb().school.create({ data: { districtId: district.id, slug: "th-moi", name: "Trường Tiểu học Mới", level: "TH", ward: "bac-son" } });
    const launched = await getDb().campaign.count({ where: { status: "active", levels: { contains: "TH" } } });
    expect(await ensureBoardsForSchool(school.id)).toBe(launched);
    expect(await ensureBoardsForSchool(school.id)).toBe(0);
    const boards = await getDb().board.findMany({ where: { schoolId: school.id }, include: { stat: true } });
    expect(boards).toHaveLength(launched);
    for (const b of boards) expect(readBoard(await loadBoardDoc(b.id)).ok && b.stat !== null).toBe(true);
  });
});

describe("the default template", () => {
  it("puts every obligation of the 2023 plan on a launched school board, under the plan's sections", async () => {
    const demo = await getDb().campaign.findFirstOrThrow({ where: { slug: "sxsdatvm-2023" } });
    expect(demo.publishedVersion).toBe(1);
    const board = await getDb().board.findFirstOrThrow({ where: { campaignId: demo.id, school: { slug: "thcs-lam-ha" } } });
    const read = readBoard(await loadBoardDoc(board.id));
    if (!read.ok) throw new Error(read.error);
    const onBoard = new Map<string, string | null>();
    for (const card of read.board.cards) {
      onBoard.set(card.templateId!, card.section);
      for (const item of card.checklist) onBoard.set(item.templateId!, card.section);
    }
    const sections = new Map<string, Set<string>>();
    for (const obligation of PLAN_2023_OBLIGATIONS) {
      for (const id of obligation.templateIds) expect(onBoard.has(id), `${obligation.section} ${obligation.key} → ${id}`).toBe(true);
      const cardSections = obligation.templateIds.map((id) => onBoard.get(id));
      expect(cardSections.every((s) => typeof s === "string" && s.length > 0), obligation.key).toBe(true);
      sections.set(obligation.section, new Set([...(sections.get(obligation.section) ?? []), ...obligation.templateIds]));
    }
    // Every section of the plan that binds schools shows on some card of the board.
    expect(new Set(read.board.cards.map((c) => c.section))).toEqual(new Set(["I.2", "II.1", "II.2", "III.2"]));
    expect([...sections.keys()].sort()).toEqual(["I.2", "II.1", "II.2", "III.2"]);
  });
});
