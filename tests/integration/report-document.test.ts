import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { tickedItemsNeedingEvidence } from "~/domain";
import { getDb } from "~/utils/db.server";
import { jpegWithGps, upload } from "../support/evidence";
import { docxText, pdfPages, pdfTopMarginText } from "../support/report-files";
import { boardIdOf } from "../support/boards";
import { startSchoolCast } from "../support/school-cast";
import { liveBoard, overviewJson } from "./overview-support";

// The school's results report as a document: draft → submit (evidence rule) → DOCX/PDF read back →
// versions → review by the district. Real server, SQLite, storage, docx and pdfkit.

const cast = startSchoolCast();
const api = () => `/api/v1/boards/${cast.boardId}`;

async function send(method: string, path: string, cookie: string, body?: unknown) {
  const res = await fetch(`${cast.base}${path}`, { method, headers: { cookie, "content-type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, body: type.includes("json") ? await res.json() : null, res };
}
async function bytes(path: string, cookie: string) {
  const res = await fetch(`${cast.base}${path}`, { headers: { cookie } });
  return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}


describe("the draft", () => {
  it("GET gives defaults from the data (header, summary line), never saved yet; only the principal", async () => {
    const { status, body } = await send("GET", `${api()}/report/draft`, cast.cookies.principal!);
    expect(status).toBe(200);
    expect(body.savedAt).toBeNull();
    expect(body.draft.header).toMatchObject({ parentBody: "UBND QUẬN KIẾN AN", issuingBody: "TRƯỜNG TIỂU HỌC BẮC SƠN", symbol: "BC-THBS", place: "Kiến An", recipients: ["Phòng Giáo dục và Đào tạo quận Kiến An"], signerCapacity: ["HIỆU TRƯỞNG"] });
    expect(body.draft.summary).toMatch(/^Kết quả thực hiện Phong trào thi đua/);
    for (const who of ["teacher", "admin", "otherPrincipal"]) expect((await send("GET", `${api()}/report/draft`, cast.cookies[who]!)).status, who).toBe(403);
  });

  it("PUT saves it (NFC-normalised); bad JSON 400, bad fields 422 naming the field, teacher 403", async () => {
    const { body: got } = await send("GET", `${api()}/report/draft`, cast.cookies.principal!);
    const draft = {
      ...got.draft,
      header: { ...got.draft.header, number: "7", date: "2023-12-01", signerCapacity: ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"], signerName: "Nguyễn Thị Hoa" },
      sections: {
        // NFD input ("Tuyên" with combining marks) must come back NFC.
        results: "Tuye\u0302n truye\u0302\u0300n đến 100% học sinh.\nTổ chức 3 đợt ra quân làm sạch trường, lớp.",
        shortcomings: "Một số lớp chưa duy trì thường xuyên.",
        proposals: "Đề nghị Phòng hỗ trợ kinh phí trồng cây.",
      },
      commendations: [
        { kind: "collective", name: "Chi đội 5A", reason: "Dẫn đầu phong trào trồng cây xanh" },
        { kind: "individual", name: "Cô Trần Thị Lan", reason: "Tổ chức tốt tuyên truyền an toàn giao thông" },
      ],
    };
    const saved = await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, draft);
    expect(saved.status).toBe(200);
    expect(saved.body.draft.sections.results.startsWith("Tuyên truyền")).toBe(true);
    expect((await send("GET", `${api()}/report/draft`, cast.cookies.principal!)).body.savedAt).not.toBeNull();

    expect((await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, "{bad")).status).toBe(400);
    const badSymbol = await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, { ...draft, header: { ...draft.header, symbol: "bc thbs" } });
    expect(badSymbol.status).toBe(422);
    expect(badSymbol.body.error.message).toMatch(/^header\.symbol: /);
    const badDate = await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, { ...draft, header: { ...draft.header, date: "2023-02-30" } });
    expect(badDate.body.error.message).toMatch(/^header\.date: /);
    const badKind = await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, { ...draft, commendations: [{ kind: "team", name: "x", reason: "y" }] });
    expect(badKind.body.error.message).toMatch(/^commendations\.0\.kind: /);
    expect((await send("PUT", `${api()}/report/draft`, cast.cookies.teacher!, draft)).status).toBe(403);
  });
});

describe("submitting", () => {
  it("422 evidence_missing lists every ticked item that needs evidence and has none; nothing stored", async () => {
    const needing = tickedItemsNeedingEvidence(await liveBoard(cast.boardId));
    expect(needing.length).toBeGreaterThan(0);
    const { status, body } = await send("POST", `${api()}/report`, cast.cookies.principal!, { note: "x" });
    expect(status).toBe(422);
    expect(body.error.code).toBe("evidence_missing");
    expect(body.error.items.map((i: { itemId: string }) => i.itemId).sort()).toEqual(needing.map((i) => i.itemId).sort());
    expect(await getDb().reportVersion.count()).toBe(0);
  });

  it("with the evidence attached, the principal submits version 1: 201 with version, status, late", async () => {
    for (const item of tickedItemsNeedingEvidence(await liveBoard(cast.boardId))) {
      const res = await upload(cast.base, cast.cookies.teacher!, cast.boardId, { cardId: item.cardId, itemId: item.itemId, bytes: await jpegWithGps(640, 480), name: `${item.text}.jpg` });
      expect(res.status).toBe(201);
    }
    // Choose two photos for the appendix.
    const list = (await send("GET", `${api()}/evidence`, cast.cookies.principal!)).body.evidence as { id: string }[];
    const { body: got } = await send("GET", `${api()}/report/draft`, cast.cookies.principal!);
    await send("PUT", `${api()}/report/draft`, cast.cookies.principal!, { ...got.draft, evidenceIds: list.slice(0, 2).map((e) => e.id) });
    const { status, body } = await send("POST", `${api()}/report`, cast.cookies.principal!, { note: "Kính trình" });
    expect(status).toBe(201);
    expect(body.report).toMatchObject({ version: 1, status: "submitted", note: "Kính trình" });
    expect(typeof body.report.late).toBe("boolean");
    expect(typeof body.report.submittedAt).toBe("string");
  });

  it("the DOCX's XML has the decree's elements, the board's figures, the commendation table, Nơi nhận and the signer", async () => {
    const file = await bytes(`${api()}/report.docx?version=1`, cast.cookies.admin!);
    expect(file.status).toBe(200);
    expect(file.type).toMatch(/wordprocessingml/);
    const { text, xml, files } = await docxText(file.bytes);
    fs.mkdirSync("tests/.tmp", { recursive: true });
    fs.writeFileSync("tests/.tmp/report-v1.docx", file.bytes);
    await expectDecreeText(text);
    // A4 portrait, margins 20/20/30/15 mm, first page without a number.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="1134"[^>]*w:right="851"[^>]*w:bottom="1134"[^>]*w:left="1701"/);
    expect(xml).toContain("<w:titlePg/>");
    expect(xml).toContain('w:ascii="Times New Roman"');
    // Two photos in the appendix (identical bytes share one media part).
    expect(xml.match(/<w:drawing>/g)).toHaveLength(2);
    expect(files.some((f) => f.startsWith("word/media/"))).toBe(true);
  });

  it("the PDF's text has the same, page 1 without a page number and page 2 numbered, Vietnamese intact", async () => {
    const file = await bytes(`${api()}/report.pdf?version=1`, cast.cookies.admin!);
    expect(file.status).toBe(200);
    expect(file.type).toBe("application/pdf");
    fs.writeFileSync("tests/.tmp/report-v1.pdf", file.bytes);
    const pages = await pdfPages(file.bytes);
    expect(pages.length).toBeGreaterThan(1);
    await expectDecreeText(pages.join("\n"));
    const numbers = await pdfTopMarginText(file.bytes);
    expect(numbers).toEqual(pages.map((_, i) => (i === 0 ? "" : String(i + 1))));
    expect(pages.at(-1)).toContain("PHỤ LỤC: HÌNH ẢNH MINH CHỨNG");
  });

  it("versions are listed; the principal resubmits only as a new version; teacher 403; bad version 422, unknown 404", async () => {
    const { body } = await send("GET", `${api()}/report/versions`, cast.cookies.teacher!);
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ version: 1, status: "submitted", review: null, pdfUrl: `${api()}/report.pdf?version=1` });
    expect((await send("POST", `${api()}/report`, cast.cookies.teacher!, {})).status).toBe(403);
    expect((await bytes(`${api()}/report.pdf?version=abc`, cast.cookies.admin!)).status).toBe(422);
    expect((await bytes(`${api()}/report.pdf?version=9`, cast.cookies.admin!)).status).toBe(404);
    expect((await bytes(`${api()}/report.pdf?version=1`, cast.cookies.otherPrincipal!)).status).toBe(403);
  });
});

describe("review by the district", () => {
  it("403 for a teacher, the principal and the observer; 422 on a bad decision or a return without comment", async () => {
    for (const who of ["teacher", "principal", "observer", "otherPrincipal"]) {
      const { status } = await send("POST", `${api()}/report/review`, cast.cookies[who]!, { decision: "accept", comment: "" });
      expect(status, who).toBe(403);
    }
    expect((await send("POST", `${api()}/report/review`, cast.cookies.admin!, { decision: "maybe" })).body.error.message).toMatch(/^decision: /);
    expect((await send("POST", `${api()}/report/review`, cast.cookies.admin!, { decision: "return", comment: "" })).status).toBe(422);
    expect((await send("POST", `${api()}/report/review`, cast.cookies.admin!, "{")).status).toBe(400);
  });

  it("409 not_submitted for a school that has not submitted", async () => {
    const other = await boardIdOf("mn-lam-ha");
    const { status, body } = await send("POST", `/api/v1/boards/${other}/report/review`, cast.cookies.admin!, { decision: "accept" });
    expect(status).toBe(409);
    expect(body.error.code).toBe("not_submitted");
  });

  it("return with comments → trả lại; the principal resubmits version 2; accept → đã duyệt; then 409 both ways", async () => {
    const returned = await send("POST", `${api()}/report/review`, cast.cookies.admin!, {
      decision: "return",
      comment: "Bổ sung số liệu tiêu chí Xanh.",
      items: [{ ref: "section:shortcomings", comment: "Nêu rõ nguyên nhân." }],
    });
    expect(returned.status).toBe(200);
    expect(returned.body.report).toMatchObject({ version: 1, status: "returned" });
    expect((await send("POST", `${api()}/report/review`, cast.cookies.admin!, { decision: "accept" })).status).toBe(409);

    const v2 = await send("POST", `${api()}/report`, cast.cookies.principal!, { note: "Đã bổ sung" });
    expect(v2.body.report).toMatchObject({ version: 2, status: "submitted" });
    const accepted = await send("POST", `${api()}/report/review`, cast.cookies.admin!, { decision: "accept", comment: "Đạt yêu cầu." });
    expect(accepted.body.report).toMatchObject({ version: 2, status: "accepted" });
    expect((await send("POST", `${api()}/report`, cast.cookies.principal!, {})).status).toBe(409);

    const { body } = await send("GET", `${api()}/report/versions`, cast.cookies.principal!);
    expect(body.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, "accepted"], [1, "returned"]]);
    expect(body.versions[1].review).toMatchObject({ comment: "Bổ sung số liệu tiêu chí Xanh.", items: [{ ref: "section:shortcomings", comment: "Nêu rõ nguyên nhân." }] });
    // Version 1 stays readable, unchanged.
    expect((await bytes(`${api()}/report.pdf?version=1`, cast.cookies.principal!)).bytes.equals(fs.readFileSync("tests/.tmp/report-v1.pdf"))).toBe(true);
    const actions = (await getDb().auditLog.findMany({ where: { entityId: cast.boardId, entity: "report" }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["report.submitted", "report.returned", "report.submitted", "report.accepted"]);
    const overview = await overviewJson(cast.base, cast.cookies.admin!);
    const line = (overview as unknown as { schools: { school: { slug: string }; report: { status: string; version: number } | null }[] }).schools.find((s) => s.school.slug === "th-bac-son")!;
    expect(line.report).toMatchObject({ status: "accepted", version: 2 });
  });
});

describe("the district's summary upward", () => {
  it("summary.docx/.pdf: decree header, every school with its status, the consolidated commendations; 403 for school roles", async () => {
    const campaign = (await getDb().board.findUniqueOrThrow({ where: { id: cast.boardId } })).campaignId;
    for (const who of ["teacher", "principal"]) expect((await bytes(`/api/v1/campaigns/${campaign}/summary.pdf`, cast.cookies[who]!)).status, who).toBe(403);
    const docx = await bytes(`/api/v1/campaigns/${campaign}/summary.docx`, cast.cookies.admin!);
    expect(docx.status).toBe(200);
    const { text } = await docxText(docx.bytes);
    const pdf = await bytes(`/api/v1/campaigns/${campaign}/summary.pdf`, cast.cookies.observer!);
    fs.writeFileSync("tests/.tmp/summary.pdf", pdf.bytes);
    // Words in narrow table cells and header columns wrap differently in each format: compare by words.
    for (const t of [text, (await pdfPages(pdf.bytes)).join("\n")].map((x) => x.replace(/\s+/g, " "))) {
      expect(t).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      expect(t).toContain("PHÒNG GD&ĐT QUẬN KIẾN AN");
      expect(t).toMatch(/Số:\s+\/BC-PGDĐT/);
      expect(t).toContain("Trường Mầm non Lãm Hà");
      expect(t).toContain("Đã duyệt");
      expect(t).toMatch(/Chi đội 5A\s*\n?\s*Trường Tiểu học Bắc Sơn/);
      expect(t).toContain("Tuyên truyền đến 100% học sinh.");
    }
  });

  it("summary.xlsx: every school, real Excel dates, a totals row, the targets sheet", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const campaign = (await getDb().board.findUniqueOrThrow({ where: { id: cast.boardId } })).campaignId;
    const file = await bytes(`/api/v1/campaigns/${campaign}/summary.xlsx`, cast.cookies.admin!);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + 30 + 1);
    const bacSon = sheet.getRows(2, 30)!.find((r) => r.getCell(1).value === "Trường Tiểu học Bắc Sơn")!;
    expect(bacSon.getCell(8).value).toBeInstanceOf(Date);
    expect(String(bacSon.getCell(7).value)).toMatch(/^Đã duyệt/);
    const totals = sheet.getRow(32);
    expect(totals.getCell(1).value).toBe("Tổng cộng");
    expect((totals.getCell(4).value as { formula: string }).formula).toBe("SUM(D2:D31)");
    expect(wb.getWorksheet("Chỉ tiêu")!.rowCount).toBe(7);
    expect(wb.getWorksheet("Khen thưởng")!.getRow(2).getCell(2).value).toBe("Chi đội 5A");
  });
});

async function expectDecreeText(text: string) {
  const stat = await getDb().boardStat.findUniqueOrThrow({ where: { boardId: cast.boardId } });
  expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
  expect(text).toContain("UBND QUẬN KIẾN AN");
  expect(text).toContain("TRƯỜNG TIỂU HỌC BẮC SƠN");
  expect(text).toMatch(/Số: 07\/BC-THBS/);
  expect(text).toContain("Kiến An, ngày 01 tháng 12 năm 2023");
  expect(text).toMatch(/BÁO CÁO\s*\n\s*Kết quả thực hiện Phong trào thi đua/);
  expect(text).toContain("Kính gửi: Phòng Giáo dục và Đào tạo quận Kiến An");
  // The board's own figures.
  expect(text).toContain(`Nhà trường đã hoàn thành ${stat.itemsDone}/${stat.itemsTotal} việc`);
  expect(text).toContain("Tuyên truyền đến 100% học sinh.");
  // The commendation table.
  expect(text).toMatch(/Tập thể\s*\n?\s*Chi đội 5A\s*\n?\s*Dẫn đầu phong trào trồng cây xanh/);
  expect(text).toContain("Cô Trần Thị Lan");
  expect(text).toContain("Nơi nhận:");
  expect(text).toContain("- Như trên;");
  expect(text).toContain("- Lưu: VT.");
  expect(text).toContain("KT. HIỆU TRƯỞNG");
  expect(text).toContain("PHÓ HIỆU TRƯỞNG");
  expect(text).toContain("Nguyễn Thị Hoa");
  expect(text).toContain("./.");
}
