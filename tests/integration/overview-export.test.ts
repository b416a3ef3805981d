import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CRITERIA, setChecklistItemDone } from "~/domain";
import { getCollab } from "~/models/collab.server";
import type { StartedServer } from "../../server/index";
import { boardIdOf } from "../support/boards";
import { signIn, startTestServer } from "../support/server";
import { campaignId, figures, lineOf, liveBoard, overviewJson, projected, userId } from "./overview-support";

let server: StartedServer;
let base: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  cookies.admin = await signIn(base, "phong.gddt@kienan.demo");
  cookies.teacher = await signIn(base, "giaovien.mn-lam-ha@kienan.demo");
  cookies.principal = await signIn(base, "hieutruong.mn-lam-ha@kienan.demo");
});
afterAll(async () => {
  await server?.close();
});

async function download(path: string, cookie = cookies.admin) {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(query = "") {
  const { res, bytes } = await download(`/overview/export.xlsx?campaignId=${await campaignId()}${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("spreadsheetml");
  expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="tong-quan-sxsdatvm-\d{4}-\d{4}-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

/** A sheet as objects keyed by its (Vietnamese) heading row. */
function rows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

describe("Excel export", () => {
  it("carries the overview's numbers, after an edit, under Vietnamese headings, one sheet per view", async () => {
    const boardId = await boardIdOf("mn-lam-ha");
    const teacher = await userId("giaovien.mn-lam-ha@kienan.demo");
    const card = (await liveBoard(boardId)).cards.find((c) => c.checklist.some((i) => !i.done && !i.needsEvidence))!;
    const done = projected(boardId);
    await (await getCollab()).change(
      boardId,
      (doc) => setChecklistItemDone(doc, card.id, card.checklist.find((i) => !i.done && !i.needsEvidence)!.id, true, { userId: teacher, at: new Date() }),
      { userId: teacher },
    );
    await done;

    const overview = await overviewJson(base, cookies.admin);
    const wb = await workbook();
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Trường", "Ma trận yêu cầu", "Chỉ tiêu", "Theo tiêu chí", "Theo lĩnh vực", "Theo cấp học", "Thông tin"]);

    const schools = rows(wb.getWorksheet("Trường")!);
    expect(schools).toHaveLength(30);
    for (const line of overview.schools) {
      const row = schools.find((r) => r["Trường"] === line.school.name)!;
      expect(row, line.school.slug).toBeDefined();
      expect(row["Việc đã xong"], line.school.slug).toBe(line.progress!.done);
      expect(row["Tổng số việc"], line.school.slug).toBe(line.progress!.total);
      expect(row["Thẻ quá hạn"], line.school.slug).toBe(line.overdue);
      expect(row["Thẻ hoàn thành"], line.school.slug).toBe(line.cards!.done);
    }
    const lamHa = schools.find((r) => r["Trường"] === "Trường Mầm non Lãm Hà")!;
    const fig = figures(await liveBoard(boardId), overview.today);
    expect(lamHa["Việc đã xong"]).toBe(fig.progress.done);
    expect(lamHa["Phường"]).toBe("Lãm Hà");
    expect(lamHa["Cấp học"]).toBe("Mầm non");

    // Per criterion: the sum over every school's documents of the items on cards serving it.
    const criteria = rows(wb.getWorksheet("Theo tiêu chí")!);
    expect(criteria.map((r) => r["Tiêu chí"])).toEqual(["Sáng", "Xanh", "Sạch", "Đẹp", "An toàn", "Văn minh"]);
    const expected = Object.fromEntries(CRITERIA.map((c) => [c, { done: 0, total: 0 }]));
    for (const line of overview.schools) {
      const board = await liveBoard(await boardIdOf(line.school.slug));
      for (const c of CRITERIA) {
        const f = figures(board, overview.today, (card) => card.criteria.includes(c));
        expected[c]!.done += f.progress.done;
        expected[c]!.total += f.progress.total;
      }
    }
    CRITERIA.forEach((c, i) => {
      expect(criteria[i]!["Việc đã xong"], c).toBe(expected[c]!.done);
      expect(criteria[i]!["Tổng số việc"], c).toBe(expected[c]!.total);
    });

    const matrix = wb.getWorksheet("Ma trận yêu cầu")!;
    expect(matrix.getRow(1).getCell(1).value).toBe("Yêu cầu");
    expect(matrix.rowCount).toBe(1 + 14);
    expect(matrix.getRow(1).cellCount).toBe(2 + 30);
  });

  it("follows the filters of the page", async () => {
    const wb = await workbook("&level=THCS&ward=lam-ha");
    const schools = rows(wb.getWorksheet("Trường")!);
    expect(schools.map((r) => r["Trường"])).toEqual(["Trường THCS Lãm Hà"]);
    const line = lineOf(await overviewJson(base, cookies.admin, "&level=THCS&ward=lam-ha"), "thcs-lam-ha");
    expect(schools[0]!["Việc đã xong"]).toBe(line.progress!.done);
    const about = wb.getWorksheet("Thông tin")!;
    const filterRow = about.getRows(1, about.rowCount)!.find((r) => String(r.getCell(1).value) === "Bộ lọc");
    expect(String(filterRow?.getCell(2).value)).toContain("Cấp học: THCS");
  });

  it("refuses a teacher and a principal (403) and a bad filter (400)", async () => {
    const id = await campaignId();
    expect((await download(`/overview/export.xlsx?campaignId=${id}`, cookies.teacher)).res.status).toBe(403);
    expect((await download(`/overview/export.xlsx?campaignId=${id}`, cookies.principal)).res.status).toBe(403);
    const bad = await download(`/overview/export.xlsx?campaignId=${id}&criterion=blue`);
    expect(bad.res.status).toBe(400);
    expect(bad.bytes.toString()).toContain('"criterion"');
    expect((await download(`/overview/export.csv?campaignId=${id}&view=pie`)).res.status).toBe(400);
  });
});

describe("CSV export", () => {
  it("is UTF-8 with a byte-order mark and Vietnamese headings, one view per file", async () => {
    const { res, bytes } = await download(`/overview/export.csv?campaignId=${await campaignId()}&level=MN`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Trường,Cấp học,Phường,Tình trạng,Việc đã xong,Tổng số việc,Tỉ lệ hoàn thành \(%\),/);
    expect(lines).toHaveLength(1 + 10);
    expect(lines.some((l) => l.startsWith("Trường Mầm non Trần Thành Ngọ,Mầm non,Trần Thành Ngọ,"))).toBe(true);

    const matrix = await download(`/overview/export.csv?campaignId=${await campaignId()}&view=matrix`);
    expect(matrix.bytes.toString("utf8").slice(1).split("\r\n")[0]).toMatch(/^Yêu cầu,Hạn,Trường Mầm non Bắc Sơn,/);
  });
});
