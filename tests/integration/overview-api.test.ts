import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveCard, setChecklistItemDone } from "~/domain";
import { getCollab } from "~/models/collab.server";
import { getDb } from "~/utils/db.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { connectBoard, synced } from "../support/collab-client";
import { signIn, startTestServer } from "../support/server";
import { campaignId, figures, getJson, lineOf, liveBoard, overviewJson, projected, userId } from "./overview-support";

let server: StartedServer;
let base: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  for (const [k, email] of Object.entries({
    admin: "phong.gddt@kienan.demo",
    observer: "so.gddt@kienan.demo",
    principal: "hieutruong.th-bac-son@kienan.demo",
    teacher: "giaovien.th-bac-son@kienan.demo",
  })) cookies[k] = await signIn(base, email);
});
afterAll(async () => {
  await server?.close();
});

describe("GET /api/v1/overview: access and bad input", () => {
  it("401 signed out; 403 for a teacher and a principal; 200 for the district office and the observer", async () => {
    const q = `/api/v1/overview?campaignId=${await campaignId()}`;
    expect((await getJson(base, q)).status).toBe(401);
    for (const who of ["teacher", "principal"]) {
      const { status, body } = await getJson(base, q, cookies[who]);
      expect(status, who).toBe(403);
      expect(body.error.code).toBe("forbidden");
    }
    for (const who of ["admin", "observer"]) expect((await getJson(base, q, cookies[who])).status, who).toBe(200);
  });

  it("an unknown campaign, or another district's, is 404", async () => {
    const { status, body } = await getJson(base, "/api/v1/overview?campaignId=no-such-campaign", cookies.admin);
    expect(status).toBe(404);
    expect(body.error.code).toBe("campaign_not_found");

    const db = getDb();
    const other = await db.district.create({ data: { slug: "other-district", name: "Phòng GD&ĐT khác" } });
    const foreign = await db.campaign.create({
      data: { districtId: other.id, slug: "other-2023", name: "Khác", planNumber: "1", planDate: new Date(), issuer: "x", deadline: new Date(), status: "active" },
    });
    expect((await getJson(base, `/api/v1/overview?campaignId=${foreign.id}`, cookies.admin)).status).toBe(404);
  });

  it("every bad filter is a 400 whose message names the parameter", async () => {
    const id = await campaignId();
    const cases: [string, string][] = [
      ["", "campaignId"],
      [`campaignId=${id}&level=XX`, "level"],
      [`campaignId=${id}&ward=ha-noi`, "ward"],
      [`campaignId=${id}&category=sports`, "category"],
      [`campaignId=${id}&criterion=blue`, "criterion"],
      [`campaignId=${id}&status=late`, "status"],
      [`campaignId=${id}&levle=MN`, "levle"],
      [`campaignId=${id}&level=MN&level=TH`, "level"],
      [`campaignId=${id}&sort=colour`, "sort"],
      [`campaignId=${id}&limit=1001`, "limit"],
      [`campaignId=${id}&limit=ten`, "limit"],
      [`campaignId=${id}&offset=-1`, "offset"],
    ];
    for (const [query, param] of cases) {
      const { status, body } = await getJson(base, `/api/v1/overview?${query}`, cookies.admin);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe("invalid_parameter");
      expect(body.error.message, query).toContain(`"${param}"`);
    }
  });
});

describe("GET /api/v1/overview: figures", () => {
  it("has the documented shape and the figures of GET /api/v1/boards and of the documents", async () => {
    const overview = await overviewJson(base, cookies.admin);
    expect(overview.campaign).toMatchObject({ id: await campaignId(), deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(overview.schools).toHaveLength(30);
    expect(overview.schools[0]).toEqual({
      school: { id: expect.any(String), slug: expect.any(String), name: expect.any(String), level: expect.any(String), ward: expect.any(String) },
      progress: { done: expect.any(Number), total: expect.any(Number) },
      cards: { planned: expect.any(Number), in_progress: expect.any(Number), done: expect.any(Number) },
      overdue: expect.any(Number),
      lastActivityAt: expect.any(String),
      status: expect.any(String),
      expected: expect.any(Number),
      error: null,
      // No school has submitted its results report yet (tests/integration/report.test.ts).
      report: null,
    });

    // The overview shows one campaign (the most urgent open one); the boards API lists every campaign's.
    const { body } = await getJson(base, `/api/v1/boards?campaign=${await campaignId()}`, cookies.admin);
    expect(body.boards).toHaveLength(30);
    for (const b of body.boards as { id: string; school: { slug: string }; progress: unknown }[]) {
      const line = lineOf(overview, b.school.slug);
      expect(line.progress, b.school.slug).toEqual(b.progress);
      const f = figures(await liveBoard(b.id), overview.today);
      expect({ progress: line.progress, cards: line.cards, overdue: line.overdue }, b.school.slug).toEqual(f);
    }
    const sum = (f: (l: (typeof overview.schools)[number]) => number) => overview.schools.reduce((n, l) => n + f(l), 0);
    expect(overview.totals).toMatchObject({
      schools: 30,
      checklist: { done: sum((l) => l.progress!.done), total: sum((l) => l.progress!.total) },
      overdue: sum((l) => l.overdue!),
      unreadable: 0,
    });
    expect(Object.values(overview.totals.statuses).reduce((a, b) => a + b, 0)).toBe(30);
  });

  it("moves with edits through the server path, the HTTP API and a WebSocket client", async () => {
    const boardId = await boardIdOf("th-bac-son");
    const teacher = await userId("giaovien.th-bac-son@kienan.demo");
    const before = lineOf(await overviewJson(base, cookies.admin), "th-bac-son");
    const beforeTotals = (await overviewJson(base, cookies.admin)).totals;
    const open = (await liveBoard(boardId)).cards.filter((c) => c.checklist.some((i) => !i.done && !i.needsEvidence));
    const [first, second, third] = open;

    // 1. the server-side path (what HTTP PATCH and campaign jobs use): two ticks and a card move
    let done = projected(boardId);
    const result = await (await getCollab()).change(
      boardId,
      (doc) => {
        for (const item of first!.checklist.filter((i) => !i.done && !i.needsEvidence).slice(0, 2)) setChecklistItemDone(doc, first!.id, item.id, true, { userId: teacher, at: new Date() });
        moveCard(doc, first!.id, "in_progress");
      },
      { userId: teacher },
    );
    expect(result.ok).toBe(true);
    await done;
    const ticked = Math.min(2, first!.checklist.filter((i) => !i.done && !i.needsEvidence).length);
    let line = lineOf(await overviewJson(base, cookies.admin), "th-bac-son");
    expect(line.progress!.done).toBe(before.progress!.done + ticked);

    // 2. the JSON API, as the teacher
    done = projected(boardId);
    const item = second!.checklist.find((i) => !i.done && !i.needsEvidence)!;
    const res = await fetch(`${base}/api/v1/boards/${boardId}/cards/${second!.id}/checklist/${item.id}`, {
      method: "PATCH",
      headers: { cookie: cookies.teacher, "content-type": "application/json" },
      body: JSON.stringify({ done: true }),
    });
    expect(res.status).toBe(200);
    await done;
    line = lineOf(await overviewJson(base, cookies.admin), "th-bac-son");
    expect(line.progress!.done).toBe(before.progress!.done + ticked + 1);

    // 3. a browser-like WebSocket client
    const client = connectBoard(base, boardId, cookies.teacher);
    await synced(client.provider);
    done = projected(boardId);
    const wsItem = third!.checklist.find((i) => !i.done && !i.needsEvidence)!;
    setChecklistItemDone(client.doc, third!.id, wsItem.id, true, { userId: teacher, at: new Date() });
    await done;
    client.provider.destroy();

    const after = await overviewJson(base, cookies.admin);
    line = lineOf(after, "th-bac-son");
    expect(line.progress!.done).toBe(before.progress!.done + ticked + 2);
    expect(after.totals.checklist.done).toBe(beforeTotals.checklist.done + ticked + 2);
    expect({ progress: line.progress, cards: line.cards, overdue: line.overdue }).toEqual(figures(await liveBoard(boardId), after.today));
    expect(Date.parse(line.lastActivityAt!)).toBeGreaterThan(Date.parse(before.lastActivityAt!));
  });
});

describe("GET /api/v1/overview: filters", () => {
  it("level and ward keep only those schools", async () => {
    const th = await overviewJson(base, cookies.admin, "&level=TH");
    expect(th.schools).toHaveLength(10);
    expect(th.schools.every((s) => s.school.level === "TH")).toBe(true);
    const bacSon = await overviewJson(base, cookies.admin, "&ward=bac-son&level=THCS");
    expect(bacSon.schools.map((s) => s.school.slug)).toEqual(["thcs-bac-son"]);
    expect(bacSon.totals.schools).toBe(1);
  });

  it("category and criterion count only the matching cards, as the documents say", async () => {
    for (const [query, keep] of [
      ["&category=traffic_safety", (c: { category: string }) => c.category === "traffic_safety"],
      ["&criterion=xanh", (c: { criteria: string[] }) => c.criteria.includes("xanh")],
      ["&category=propaganda&criterion=van_minh", (c: { category: string; criteria: string[] }) => c.category === "propaganda" && c.criteria.includes("van_minh")],
    ] as const) {
      const filtered = await overviewJson(base, cookies.admin, query);
      let done = 0;
      for (const slug of ["mn-bac-son", "thcs-bac-son", "thcs-lam-ha"]) {
        const f = figures(await liveBoard(await boardIdOf(slug)), filtered.today, keep as never);
        const line = lineOf(filtered, slug);
        expect({ progress: line.progress, cards: line.cards, overdue: line.overdue }, `${query} ${slug}`).toEqual(f);
        // Matching work exists (this early in the school year not all of it is ticked yet).
        done += f.progress.total;
      }
      expect(done, query).toBeGreaterThan(0);
    }
  });

  it("status keeps the schools in that state, and the states partition the district", async () => {
    const all = await overviewJson(base, cookies.admin);
    for (const status of ["not_started", "behind", "on_track", "done"]) {
      const only = await overviewJson(base, cookies.admin, `&status=${status}`);
      expect(only.schools.every((s) => s.status === status), status).toBe(true);
      expect(only.schools.length, status).toBe(all.totals.statuses[status]);
    }
    const notStarted = await overviewJson(base, cookies.admin, "&status=not_started");
    expect(notStarted.schools.length).toBeGreaterThan(0);
    expect(notStarted.schools.every((s) => s.progress!.done === 0 && s.cards!.in_progress + s.cards!.done === 0)).toBe(true);
  });
});

describe("GET /api/v1/overview: pages of lines", () => {
  it("returns the sorted lines a page at a time, with the totals of every school the filters keep", async () => {
    const all = await overviewJson(base, cookies.admin, "&sort=name");
    // A district of up to 500 schools gets every line in one answer, as before paging.
    expect(all.page).toEqual({ offset: 0, limit: 500, total: 30, next: null });
    expect(all.schools).toHaveLength(30);

    const pages = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page = await overviewJson(base, cookies.admin, `&sort=name&limit=12&offset=${offset}`);
      expect(page.totals).toEqual(all.totals);
      expect(page.page).toMatchObject({ offset, limit: 12, total: 30 });
      pages.push(page.schools);
      offset = page.page.next;
    }
    expect(pages.map((p) => p.length)).toEqual([12, 12, 6]);
    expect(pages.flat().map((l) => l.school.slug)).toEqual(all.schools.map((l) => l.school.slug));

    // limit=0: the summary alone.
    const summary = await overviewJson(base, cookies.admin, "&level=TH&limit=0");
    expect(summary.schools).toEqual([]);
    expect(summary.page).toEqual({ offset: 0, limit: 0, total: 10, next: null });
    expect(summary.totals.schools).toBe(10);
    // Past the end: no lines, the same totals.
    const past = await overviewJson(base, cookies.admin, "&offset=30");
    expect(past.schools).toEqual([]);
    expect(past.totals).toEqual(all.totals);
  });

  it("the per-board figures it keeps between requests follow every change: a due card moved to done is no longer overdue", async () => {
    const slug = "thcs-lam-ha";
    const boardId = await boardIdOf(slug);
    const teacher = await userId(`giaovien.${slug}@kienan.demo`);
    const before = await overviewJson(base, cookies.admin);
    const overdue = (await liveBoard(boardId)).cards.find((c) => !c.archived && c.status !== "done" && c.dueDate && c.dueDate < before.today);
    if (!overdue) throw new Error(`${slug} has no overdue card in the demo data`);
    // Asked twice, so the figures are the kept ones, not a fresh pass.
    await overviewJson(base, cookies.admin);

    const done = projected(boardId);
    const result = await (await getCollab()).change(boardId, (doc) => moveCard(doc, overdue.id, "done"), { userId: teacher });
    expect(result.ok).toBe(true);
    await done;

    const after = await overviewJson(base, cookies.admin);
    expect(lineOf(after, slug).overdue).toBe(lineOf(before, slug).overdue! - 1);
    expect(after.totals.overdue).toBe(before.totals.overdue - 1);
    expect({ progress: lineOf(after, slug).progress, cards: lineOf(after, slug).cards, overdue: lineOf(after, slug).overdue }).toEqual(figures(await liveBoard(boardId), after.today));
    // The same with a card filter (kept apart: another pass over other rows).
    const category = overdue.category;
    const filtered = await overviewJson(base, cookies.admin, `&category=${category}`);
    expect(lineOf(filtered, slug).overdue).toBe(figures(await liveBoard(boardId), after.today, (c) => c.category === category).overdue);
  });
});
