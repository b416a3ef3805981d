import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, it } from "vitest";
import { setChecklistItemDone } from "~/domain";
import type { Actor } from "~/domain/permissions";
import { getCollab } from "~/models/collab.server";
import { setSchoolActive, updateSchool } from "~/models/school.server";
import { providerOf, getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { boardIdOf } from "../support/boards";
import { attachMissingEvidence } from "../support/evidence";
import { startSchoolCast } from "../support/school-cast";
import { campaignId, figures, lineOf, liveBoard, overviewJson, userId, type OverviewJson } from "./overview-support";

// The district's overview lines are kept between requests (app/models/overview-kept.server.ts,
// ADR 049). Each test asks once, so the lines are kept, changes something — through the real
// paths, or behind this process's back as another instance would — and asks again: the change
// must show in that very next answer, in its figures, its totals and its sort order.

const cast = startSchoolCast();

type Report = { status: string; version: number } | null;
const reportOf = (o: OverviewJson, slug: string) => (lineOf(o, slug) as unknown as { report: Report }).report;
const slugs = (o: OverviewJson) => o.schools.map((s) => s.school.slug);
const ask = (query = "") => overviewJson(cast.base, cast.cookies.admin!, query);

async function admin(): Promise<Actor> {
  const m = await getDb().membership.findFirstOrThrow({ where: { user: { email: "phong.gddt@kienan.demo" } } });
  return { userId: m.userId, role: "district_admin", districtId: m.districtId, schoolId: null };
}

/** A second client on the same database: its writes are another instance's, no event of this process hears of them. */
function otherInstance(): PrismaClient {
  const url = getEnv().DATABASE_URL;
  if (providerOf(url) === "postgresql") {
    const require = createRequire(import.meta.url);
    const { PrismaClient: Pg } = require("@prisma/client-pg") as typeof import("@prisma/client-pg");
    const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    return new Pg({ adapter: new PrismaPg({ connectionString: url, max: 2 }) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

async function tick(slug: string) {
  const boardId = await boardIdOf(slug);
  const teacher = await userId(`giaovien.${slug}@kienan.demo`);
  const card = (await liveBoard(boardId)).cards.find((c) => !c.archived && c.checklist.some((i) => !i.done && !i.needsEvidence))!;
  const item = card.checklist.find((i) => !i.done && !i.needsEvidence)!;
  const result = await (await getCollab()).change(boardId, (doc) => setChecklistItemDone(doc, card.id, item.id, true, { userId: teacher, at: new Date() }), { userId: teacher });
  expect(result.ok).toBe(true);
  return boardId;
}

/** Reads server-sent events until a "changed" one arrives. */
async function changed(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("event: changed\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("stream ended before a change");
    text += decoder.decode(value, { stream: true });
  }
}

describe("the kept overview lines, through the real paths", () => {
  it("a tick shows in the answer right after the live overview event: the line, the totals, the order by progress", async () => {
    const slug = "thcs-lam-ha";
    const before = await ask("&sort=progress&dir=desc");
    const controller = new AbortController();
    const res = await fetch(`${cast.base}/overview/events?campaignId=${await campaignId()}`, { headers: { cookie: cast.cookies.admin! }, signal: controller.signal });
    const reader = res.body!.getReader();
    try {
      const boardId = await tick(slug);
      await changed(reader);
      const after = await ask("&sort=progress&dir=desc");
      expect(lineOf(after, slug).progress!.done).toBe(lineOf(before, slug).progress!.done + 1);
      expect(after.totals.checklist.done).toBe(before.totals.checklist.done + 1);
      const line = lineOf(after, slug);
      expect({ progress: line.progress, cards: line.cards, overdue: line.overdue }).toEqual(figures(await liveBoard(boardId), after.today));
      // Still in order by progress, the ticked school in its new place.
      const pct = after.schools.map((s) => s.progress!.done / s.progress!.total);
      expect(pct).toEqual([...pct].sort((a, b) => b - a));
      // The page and its downloads share the kept lines: the CSV has the tick too (school, level, ward, status, done, total, …).
      const csv = await (await fetch(`${cast.base}/overview/export.csv?campaignId=${await campaignId()}`, { headers: { cookie: cast.cookies.admin! } })).text();
      const row = csv.split("\r\n").find((l) => l.startsWith(`${line.school.name},`))!;
      expect(row.split(",").slice(4, 6)).toEqual([String(line.progress!.done), String(line.progress!.total)]);
    } finally {
      controller.abort();
    }
  });

  it("a school renamed shows under its new name, in its new place by name; deactivated it leaves, reactivated it is back", async () => {
    const actor = await admin();
    const school = await getDb().school.findUniqueOrThrow({ where: { slug: "th-nam-son" } });
    const input = { name: school.name, level: school.level as "TH", ward: school.ward, code: school.code ?? "" };
    const before = await ask("&sort=name");
    expect(slugs(before).at(-1)).not.toBe("th-nam-son");
    try {
      // "Ý" sorts after every other name of the demo district in Vietnamese order.
      await updateSchool(actor, school.id, { ...input, name: "Trường Tiểu học Ý Yên" });
      const renamed = await ask("&sort=name");
      expect(lineOf(renamed, "th-nam-son").school.name).toBe("Trường Tiểu học Ý Yên");
      expect(slugs(renamed).at(-1)).toBe("th-nam-son");

      await setSchoolActive(actor, school.id, false);
      const without = await ask("&sort=name");
      expect(slugs(without)).not.toContain("th-nam-son");
      expect(without.totals.schools).toBe(before.totals.schools - 1);

      await setSchoolActive(actor, school.id, true);
      const back = await ask("&sort=name");
      expect(slugs(back)).toContain("th-nam-son");
      expect(back.totals).toEqual(renamed.totals);
    } finally {
      await setSchoolActive(actor, school.id, true);
      await updateSchool(actor, school.id, input);
    }
    expect(slugs(await ask("&sort=name"))).toEqual(slugs(before));
  });

  it("a report submitted, returned, submitted again and accepted shows at each step, in the line and the report filter", async () => {
    await attachMissingEvidence(cast.base, cast.cookies.teacher!, cast.boardId, await liveBoard(cast.boardId));
    const post = (path: string, cookie: string, body: unknown) =>
      fetch(`${cast.base}/api/v1/boards/${cast.boardId}${path}`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(reportOf(await ask(), "th-bac-son")).toBeNull();
    const steps: [() => Promise<Response>, Report][] = [
      [() => post("/report", cast.cookies.principal!, { note: "" }), { status: "submitted", version: 1 }],
      [() => post("/report/review", cast.cookies.admin!, { decision: "return", comment: "Thiếu minh chứng." }), { status: "returned", version: 1 }],
      [() => post("/report", cast.cookies.principal!, { note: "Đã bổ sung." }), { status: "submitted", version: 2 }],
      [() => post("/report/review", cast.cookies.admin!, { decision: "accept", comment: "" }), { status: "accepted", version: 2 }],
    ];
    for (const [step, expected] of steps) {
      const res = await step();
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      expect(reportOf(await ask(), "th-bac-son")).toMatchObject(expected!);
      expect(slugs(await ask(`&report=${expected!.status}`))).toEqual(["th-bac-son"]);
    }
  });
});

describe("the kept overview lines, changed by another instance", () => {
  it("a projection, a rename, a report and a deactivation written through another client show in the next answer", async () => {
    const other = otherInstance();
    const boardId = await boardIdOf("mn-van-dau");
    const school = await getDb().school.findUniqueOrThrow({ where: { slug: "mn-van-dau" } });
    const stat = await getDb().boardStat.findUniqueOrThrow({ where: { boardId } });
    try {
      const before = await ask("&sort=name");
      // Another instance projected the board (BoardStat is rewritten with its card rows).
      await other.boardStat.update({ where: { boardId }, data: { itemsDone: stat.itemsDone + 3 } });
      const projected = await ask("&sort=name");
      expect(lineOf(projected, "mn-van-dau").progress!.done).toBe(stat.itemsDone + 3);
      expect(projected.totals.checklist.done).toBe(before.totals.checklist.done + 3);

      // Its clock 30 s behind ours: stamped before the newest change this process has seen.
      await other.boardStat.update({ where: { boardId }, data: { itemsDone: stat.itemsDone + 1, updatedAt: new Date(Date.now() - 30_000) } });
      expect(lineOf(await ask("&sort=name"), "mn-van-dau").progress!.done).toBe(stat.itemsDone + 1);

      await other.school.update({ where: { id: school.id }, data: { name: "Trường Tiểu học Ý Yên Sơn" } });
      const renamed = await ask("&sort=name");
      expect(lineOf(renamed, "mn-van-dau").school.name).toBe("Trường Tiểu học Ý Yên Sơn");
      expect(slugs(renamed).at(-1)).toBe("mn-van-dau");

      const principal = await userId("hieutruong.mn-van-dau@kienan.demo");
      await other.reportSubmission.create({ data: { boardId, campaignId: stat.campaignId, submittedById: principal, submittedAt: new Date(), status: "submitted" } });
      expect(reportOf(await ask(), "mn-van-dau")).toMatchObject({ status: "submitted", version: 1 });
      await other.reportSubmission.update({ where: { boardId }, data: { status: "accepted", reviewedAt: new Date() } });
      expect(reportOf(await ask(), "mn-van-dau")).toMatchObject({ status: "accepted", version: 1 });

      await other.school.update({ where: { id: school.id }, data: { active: false } });
      const without = await ask();
      expect(slugs(without)).not.toContain("mn-van-dau");
      expect(without.totals.schools).toBe(before.totals.schools - 1);
    } finally {
      await other.reportSubmission.deleteMany({ where: { boardId } });
      await other.school.update({ where: { id: school.id }, data: { name: school.name, active: true } });
      await other.boardStat.update({ where: { boardId }, data: { itemsDone: stat.itemsDone } });
      await other.$disconnect();
    }
    expect(lineOf(await ask(), "mn-van-dau")).toMatchObject({ school: { name: school.name }, progress: { done: stat.itemsDone } });
  });
});
