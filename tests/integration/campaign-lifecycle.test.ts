import * as authProtocol from "y-protocols/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPAIGN_CLOSED, decodeBoard, editCard, setChecklistItemDone } from "~/domain";
import { getCollab } from "~/models/collab.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { connectBoard, eventually, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { apiAs, NEXT_YEAR, userId, waitForJob, type Api } from "./campaign-support";
import { projected } from "./overview-support";

// Several campaigns at once, closing and reopening, and what "activity" means (issue 10).

let server: StartedServer;
let admin: Api;
let teacher: Api;
let teacherCookie: string;
const SCHOOL = "th-bac-son";

beforeAll(async () => {
  server = await startTestServer();
  admin = apiAs(server.url, await signIn(server.url, "phong.gddt@kienan.demo"));
  teacherCookie = await signIn(server.url, `giaovien.${SCHOOL}@kienan.demo`);
  teacher = apiAs(server.url, teacherCookie);
});
afterAll(async () => {
  await server?.close();
});

const activeCampaign = () => getDb().campaign.findFirstOrThrow({ where: { status: "active" } });
const updateRows = (boardId: string) => getDb().boardUpdate.count({ where: { boardId } });
const lastActivity = async (boardId: string) => (await getDb().boardStat.findUniqueOrThrow({ where: { boardId } })).lastActivityAt?.toISOString() ?? null;

describe("GET /api/v1/boards across campaigns", () => {
  it("lists a teacher's board in each campaign, with the campaign's id, name, deadline and status", async () => {
    const { status, json } = await teacher("/api/v1/boards");
    expect(status).toBe(200);
    expect(json.boards).toHaveLength(2);
    // Most urgent first: the open campaign, then the closed 2023 one.
    expect(json.boards.map((b: { campaign: { status: string } }) => b.campaign.status)).toEqual(["active", "closed"]);
    for (const b of json.boards) {
      expect(b.school.slug).toBe(SCHOOL);
      expect(Object.keys(b.campaign).sort()).toEqual(["deadline", "id", "name", "status"]);
      expect(b.campaign.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("filters by ?campaign=<id> and ?status=", async () => {
    const closed = await getDb().campaign.findFirstOrThrow({ where: { slug: "sxsdatvm-2023" } });
    const byCampaign = await admin(`/api/v1/boards?campaign=${closed.id}`);
    expect(byCampaign.json.boards).toHaveLength(30);
    expect(new Set(byCampaign.json.boards.map((b: { campaign: { id: string } }) => b.campaign.id))).toEqual(new Set([closed.id]));
    const active = await admin("/api/v1/boards?status=active");
    expect(active.json.boards).toHaveLength(30);
    expect(active.json.boards.every((b: { campaign: { status: string } }) => b.campaign.status === "active")).toBe(true);
    expect((await admin("/api/v1/boards?status=draft")).json.boards).toEqual([]);
    expect((await admin("/api/v1/boards")).json.boards).toHaveLength(60);
  });

  it("refuses a bad filter with 400 and names it", async () => {
    for (const [query, param] of [
      ["?status=launched", "status"],
      ["?campaign=%27%3B--", "campaign"],
      ["?colour=red", "colour"],
      ["?status=active&status=closed", "status"],
    ] as const) {
      const { status, json } = await teacher(`/api/v1/boards${query}`);
      expect(status, query).toBe(400);
      expect(json.error.code).toBe("invalid_parameter");
      expect(json.error.message).toContain(param);
    }
  });
});

describe("last activity is the school's", () => {
  it("a sync with no change stores no update row and leaves last activity alone", async () => {
    const boardId = await boardIdOf(SCHOOL);
    const [rows, before] = [await updateRows(boardId), await lastActivity(boardId)];
    const client = connectBoard(server.url, boardId, teacherCookie);
    try {
      await synced(client.provider);
      // A second full round trip: the client sends its (unchanged) state again.
      client.provider.disconnect();
      client.provider.connect();
      await synced(client.provider);
      expect(decodeBoard(client.doc).cards.length).toBeGreaterThan(0);
    } finally {
      client.provider.destroy();
    }
    // Nothing was accepted, so nothing is projected: compare once the room has had its chance.
    await (await getCollab()).release(boardId);
    expect(await updateRows(boardId)).toBe(rows);
    expect(await lastActivity(boardId)).toBe(before);
  });

  it("a district template merge changes the board but not its last activity; a teacher's tick does", async () => {
    const boardId = await boardIdOf("mn-lam-ha");
    const before = await lastActivity(boardId);
    const collab = await getCollab();
    const officer = await userId("phong.gddt@kienan.demo");
    const doc = await collab.readDoc(boardId);
    const card = decodeBoard(doc).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
    const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
    doc.destroy();
    let done = projected(boardId);
    // What a publish does: the district's wording changes on the school's board.
    const merged = await collab.change(boardId, (d) => editCard(d, card.id, { title: `${card.title} (sửa)` }), { userId: officer, trusted: true });
    expect(merged.ok).toBe(true);
    await done;
    expect(await lastActivity(boardId)).toBe(before);

    const teacherId = await userId("giaovien.mn-lam-ha@kienan.demo");
    done = projected(boardId);
    const at = new Date();
    expect((await collab.change(boardId, (d) => setChecklistItemDone(d, card.id, item.id, true, { userId: teacherId, at }), { userId: teacherId })).ok).toBe(true);
    await done;
    expect(new Date((await lastActivity(boardId))!).getTime()).toBeGreaterThanOrEqual(at.getTime() - 1000);
  });
});

describe("closing a campaign", () => {
  it("freezes its boards: open sockets turn read-only at once, REST edits 409, nothing is stored; reopen undoes it, both audited", async () => {
    const campaign = await activeCampaign();
    const boardId = await boardIdOf(SCHOOL);
    const client = connectBoard(server.url, boardId, teacherCookie);
    const denied: string[] = [];
    client.provider.messageHandlers[2] = (_encoder, decoder) => authProtocol.readAuthMessage(decoder, client.doc, (_d, reason) => denied.push(reason));
    try {
      await synced(client.provider);
      const rows = await updateRows(boardId);
      const closing = await admin(`/api/v1/campaigns/${campaign.id}/close`, { method: "POST" });
      expect(closing.status).toBe(200);
      expect(closing.json.campaign).toMatchObject({ status: "closed" });
      await eventually(() => expect(denied).toContain(CAMPAIGN_CLOSED));

      // The socket's edit is dropped, the REST edit refused with 409 and a clear code.
      const card = decodeBoard(client.doc).cards.find((c) => c.checklist.some((i) => !i.done))!;
      setChecklistItemDone(client.doc, card.id, card.checklist.find((i) => !i.done)!.id, true, { userId: "x", at: new Date() });
      const rest = await teacher(`/api/v1/boards/${boardId}/cards/${card.id}`, { method: "PATCH", body: { status: "done" } });
      expect(rest.status).toBe(409);
      expect(rest.json.error.code).toBe("campaign_closed");
      const report = await apiAs(server.url, await signIn(server.url, `hieutruong.${SCHOOL}@kienan.demo`))(`/api/v1/boards/${boardId}/report`, { method: "POST", body: { note: "x" } });
      expect(report.status).toBe(409);
      const refused = await (await getCollab()).change(boardId, (d) => editCard(d, card.id, { title: "Đóng rồi" }), { userId: null, trusted: true });
      expect(refused).toMatchObject({ ok: false, status: 409, code: "campaign_closed" });
      expect(await updateRows(boardId)).toBe(rows);

      // A second close (two officers at once) gets 409.
      expect((await admin(`/api/v1/campaigns/${campaign.id}/close`, { method: "POST" })).json.error.code).toBe("campaign_not_active");
    } finally {
      client.provider.destroy();
      const reopened = await admin(`/api/v1/campaigns/${campaign.id}/reopen`, { method: "POST" });
      expect(reopened.status).toBe(200);
    }
    const audit = await getDb().auditLog.findMany({ where: { entityId: campaign.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["campaign.closed", "campaign.reopened"]);
    // Open again: an edit goes through.
    const card = decodeBoard(await (await getCollab()).readDoc(boardId)).cards[0]!;
    expect((await teacher(`/api/v1/boards/${boardId}/cards/${card.id}`, { method: "PATCH", body: { status: "in_progress" } })).status).toBe(200);
  });

  it("two officers closing at once: one wins, the other gets 409", async () => {
    const campaign = await activeCampaign();
    try {
      const results = await Promise.all([1, 2].map(() => admin(`/api/v1/campaigns/${campaign.id}/close`, { method: "POST" })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    } finally {
      await admin(`/api/v1/campaigns/${campaign.id}/reopen`, { method: "POST" });
    }
  });
});

describe("a second campaign beside the first", () => {
  it("launched for TH and THCS once even when two officers launch at once; preschools keep their own boards", async () => {
    const { json } = await admin("/api/v1/campaigns", { method: "POST", body: { ...NEXT_YEAR, name: "An toàn giao thông TH-THCS", levels: ["TH", "THCS"] } });
    const id = json.campaign.id as string;
    const launches = await Promise.all([1, 2].map(() => admin(`/api/v1/campaigns/${id}/launch`, { method: "POST" })));
    expect(launches.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(launches.find((r) => r.status === 409)!.json.error.code).toBe("already_launched");
    await waitForJob(admin, id);
    expect(await getDb().board.count({ where: { campaignId: id } })).toBe(20);
    const preschool = await apiAs(server.url, await signIn(server.url, "giaovien.mn-bac-son@kienan.demo"))("/api/v1/boards");
    expect(preschool.json.boards.map((b: { campaign: { id: string } }) => b.campaign.id)).not.toContain(id);
    expect(preschool.json.boards).toHaveLength(2);
    expect((await teacher("/api/v1/boards")).json.boards).toHaveLength(3);
  });
});
