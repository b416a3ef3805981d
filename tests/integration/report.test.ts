import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { attachMissingEvidence } from "../support/evidence";
import { PEOPLE, startSchoolCast } from "../support/school-cast";
import { campaignId, getJson, liveBoard, overviewJson } from "./overview-support";

// The school's results report (báo cáo kết quả) through the real server and SQLite.

const cast = startSchoolCast();


async function post(path: string, cookie: string | undefined, body: string) {
  const res = await fetch(`${cast.base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body,
  });
  return { status: res.status, body: await res.json() };
}
const reportPath = () => `/api/v1/boards/${cast.boardId}/report`;

describe("POST/GET /api/v1/boards/<id>/report", () => {
  it("is 404 not_submitted before the principal submits", async () => {
    const { status, body } = await getJson(cast.base, reportPath(), cast.cookies.teacher);
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_submitted");
  });

  it("refuses everyone but the school's principal with 403, and 401 signed out", async () => {
    expect((await post(reportPath(), undefined, "{}")).status).toBe(401);
    for (const who of ["teacher", "observer", "admin", "otherPrincipal"]) {
      const { status, body } = await post(reportPath(), cast.cookies[who], JSON.stringify({ note: "x" }));
      expect(status, who).toBe(403);
      expect(body.error.code, who).toBe("forbidden");
    }
    expect(await getDb().reportSubmission.count({ where: { boardId: cast.boardId } })).toBe(0);
  });

  it("400 on a body that is not JSON, 422 naming the field on a bad note", async () => {
    const bad = await post(reportPath(), cast.cookies.principal, "{note:");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_json");
    for (const note of [42, "x".repeat(2001)]) {
      const { status, body } = await post(reportPath(), cast.cookies.principal, JSON.stringify({ note }));
      expect(status).toBe(422);
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.message).toMatch(/^note: /);
    }
    expect(await getDb().reportSubmission.count({ where: { boardId: cast.boardId } })).toBe(0);
  });

  it("the principal submits: 201 with the board's progress, an audit entry, and GET shows it", async () => {
    // The seed ticked items that need evidence: attach a photo to each first (else 422, report-document.test.ts).
    await attachMissingEvidence(cast.base, cast.cookies.teacher!, cast.boardId, await liveBoard(cast.boardId));
    const stat = await getDb().boardStat.findUniqueOrThrow({ where: { boardId: cast.boardId } });
    const before = Date.now();
    const { status, body } = await post(reportPath(), cast.cookies.principal, JSON.stringify({ note: "  Đã hoàn thành tuyên truyền.  " }));
    expect(status).toBe(201);
    const principal = await getDb().user.findUniqueOrThrow({ where: { email: PEOPLE.principal } });
    expect(body.report).toMatchObject({
      boardId: cast.boardId,
      submittedBy: { id: principal.id, name: principal.name },
      note: "Đã hoàn thành tuyên truyền.",
      version: 1,
      status: "submitted",
      progress: { done: stat.itemsDone, total: stat.itemsTotal },
      // The demo's current campaign is due months from today.
      late: false,
    });
    expect(Date.parse(body.report.submittedAt)).toBeGreaterThanOrEqual(before - 1000);

    const entries = await getDb().auditLog.findMany({ where: { action: "report.submitted", entityId: cast.boardId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actorId).toBe(principal.id);
    expect(entries[0]!.entity).toBe("report");
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({ name: "Trường Tiểu học Bắc Sơn", itemsDone: stat.itemsDone, itemsTotal: stat.itemsTotal });

    for (const who of ["principal", "teacher", "observer", "admin"]) {
      const got = await getJson(cast.base, reportPath(), cast.cookies[who]);
      expect(got.status, who).toBe(200);
      expect(got.body).toEqual(body);
    }
    // Another school's principal may not read it.
    expect((await getJson(cast.base, reportPath(), cast.cookies.otherPrincipal)).status).toBe(403);
  });

  it("re-submitting keeps one row with the latest note and version 2 (the board's live figures), and audits again", async () => {
    const { status, body } = await post(reportPath(), cast.cookies.principal, JSON.stringify({}));
    expect(status).toBe(201);
    const stat = await getDb().boardStat.findUniqueOrThrow({ where: { boardId: cast.boardId } });
    expect(body.report).toMatchObject({ note: "", version: 2, progress: { done: stat.itemsDone, total: stat.itemsTotal } });
    expect(await getDb().reportSubmission.count({ where: { boardId: cast.boardId } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { action: "report.submitted", entityId: cast.boardId } })).toBe(2);
    expect((await getJson(cast.base, reportPath(), cast.cookies.teacher)).body.report.note).toBe("");
  });

  it("late means submitted at or after midnight (+07) of the deadline day", async () => {
    const db = getDb();
    const board = await db.board.findUniqueOrThrow({ where: { id: cast.boardId }, include: { campaign: true } });
    // The deadline day is stored as its midnight in Hồ Chí Minh City (17:00 UTC the day before).
    const deadline = board.campaign.deadline;
    expect(deadline.toISOString()).toMatch(/T17:00:00\.000Z$/);
    await db.reportSubmission.update({ where: { boardId: cast.boardId }, data: { submittedAt: new Date(deadline.getTime() - 60_000) } });
    expect((await getJson(cast.base, reportPath(), cast.cookies.admin)).body.report.late).toBe(false);
    await db.reportSubmission.update({ where: { boardId: cast.boardId }, data: { submittedAt: deadline } });
    expect((await getJson(cast.base, reportPath(), cast.cookies.admin)).body.report.late).toBe(true);
  });
});

describe("the overview shows who submitted", () => {
  it("GET /api/v1/overview: the school's line carries its report, the totals count it", async () => {
    const { deadline } = await getDb().campaign.findUniqueOrThrow({ where: { id: await campaignId() } });
    const onTime = new Date(deadline.getTime() - 4 * 86_400_000);
    await getDb().reportSubmission.update({ where: { boardId: cast.boardId }, data: { submittedAt: onTime } });
    type WithReports = {
      totals: { reports: { submitted: number; late: number } };
      schools: { school: { slug: string }; report: { submittedAt: string; late: boolean } | null }[];
    };
    const overview = (await overviewJson(cast.base, cast.cookies.admin)) as unknown as WithReports;
    expect(overview.totals.reports).toEqual({ submitted: 1, late: 0 });
    const line = overview.schools.find((s) => s.school.slug === "th-bac-son")!;
    expect(line.report).toEqual({ submittedAt: onTime.toISOString(), late: false, status: "submitted", version: 2 });
    expect(overview.schools.filter((s) => s.report !== null)).toHaveLength(1);

    await getDb().reportSubmission.update({ where: { boardId: cast.boardId }, data: { submittedAt: new Date(deadline.getTime() + 86_400_000) } });
    const after = (await overviewJson(cast.base, cast.cookies.admin)) as unknown as WithReports;
    expect(after.totals.reports).toEqual({ submitted: 1, late: 1 });
  });

  it("the CSV export has a Báo cáo column", async () => {
    const res = await fetch(`${cast.base}/overview/export.csv?campaignId=${await campaignId()}`, { headers: { cookie: cast.cookies.admin } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).slice(1).split("\r\n");
    expect(lines[0]).toMatch(/,Báo cáo$/);
    const bacSon = lines.find((l) => l.startsWith("Trường Tiểu học Bắc Sơn,"));
    const { submittedAt } = await getDb().reportSubmission.findUniqueOrThrow({ where: { boardId: cast.boardId } });
    const when = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(submittedAt)
      .replace(", ", " ");
    expect(bacSon?.endsWith(`,Đã nộp - Nộp muộn ${when}`), bacSon).toBe(true);
    expect(lines.find((l) => l.startsWith("Trường Mầm non Lãm Hà,"))).toMatch(/,Chưa nộp$/);
  });
});

describe("the board page form (no JavaScript)", () => {
  async function postForm(cookie: string, note: string) {
    return fetch(`${cast.base}/schools/th-bac-son`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: cast.base },
      body: new URLSearchParams({ intent: "submit-report", note }).toString(),
      redirect: "manual",
    });
  }
  it("a teacher is refused with 403; the principal's too-long note is a 422 with the message", async () => {
    expect((await postForm(cast.cookies.teacher, "x")).status).toBe(403);
    const res = await postForm(cast.cookies.principal, "y".repeat(2001));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Ghi chú dài quá 2000 ký tự.");
  });
  it("the principal's post saves the note and the page shows the confirmation", async () => {
    const res = await postForm(cast.cookies.principal, "Nộp qua biểu mẫu");
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Đã nộp lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect((await getDb().reportSubmission.findUniqueOrThrow({ where: { boardId: cast.boardId } })).note).toBe("Nộp qua biểu mẫu");
  });
});
