import ExcelJS from "exceljs";
import { LEVELS, WARDS } from "~/domain/vocabulary";
import { HEADINGS, SHEET_NAMES } from "./columns";

const ROLE_WORDS = ["Hiệu trưởng", "Giáo viên", "Phòng GD&ĐT", "Sở GD&ĐT"];

/**
 * The file the office fills in: two sheets with Vietnamese headings, drop-down lists for level,
 * ward and role, and a note on the headings that need one. No example rows: they would be imported.
 */
export async function buildTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Campaign Board";
  const header = (ws: ExcelJS.Worksheet) => {
    const row = ws.getRow(1);
    row.font = { bold: true, color: { argb: "FFFFFFFF" } };
    row.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0F6E3F" } };
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };

  const schools = wb.addWorksheet(SHEET_NAMES.schools);
  schools.columns = [
    { header: HEADINGS.schools.name, key: "name", width: 36 },
    { header: HEADINGS.schools.level, key: "level", width: 12 },
    { header: HEADINGS.schools.ward, key: "ward", width: 20 },
    { header: HEADINGS.schools.code, key: "code", width: 16 },
  ];
  header(schools);
  schools.getCell("A1").note = "Tên đầy đủ, ví dụ: Trường THCS Lãm Hà";
  schools.getCell("B1").note = "MN (mầm non), TH (tiểu học) hoặc THCS";
  schools.getCell("C1").note = "Một trong các phường của quận";
  schools.getCell("D1").note = "Mã trường, không trùng nhau. Nhập lại cùng mã sẽ cập nhật trường đó.";
  for (let r = 2; r <= 500; r++) {
    schools.getCell(`B${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${LEVELS.join(",")}"`] };
    schools.getCell(`C${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${WARDS.map((w) => w.name).join(",")}"`] };
  }

  const people = wb.addWorksheet(SHEET_NAMES.people);
  people.columns = [
    { header: HEADINGS.people.name, key: "name", width: 28 },
    { header: HEADINGS.people.email, key: "email", width: 32 },
    { header: HEADINGS.people.school, key: "school", width: 32 },
    { header: HEADINGS.people.role, key: "role", width: 16 },
  ];
  header(people);
  people.getCell("B1").note = "Mỗi người một email, không trùng nhau. Nhập lại cùng email sẽ cập nhật người đó.";
  people.getCell("C1").note = "Mã trường hoặc tên trường (có trong trang Trường hoặc đã có trong hệ thống). Để trống với Phòng GD&ĐT, Sở GD&ĐT.";
  people.getCell("D1").note = ROLE_WORDS.join(", ");
  for (let r = 2; r <= 1000; r++) people.getCell(`D${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${ROLE_WORDS.join(",")}"`] };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
