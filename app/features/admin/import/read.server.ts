import ExcelJS from "exceljs";
import { csvGrid, isBlank, type Grid } from "./grid";
import { fileIssue, type ImportIssue } from "./issues";

/** The most rows one import may hold (the district has ~100 schools and a few thousand staff). */
export const MAX_ROWS = 10_000;

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads an uploaded XLSX or CSV into text grids. Decides by the bytes, not the name: a zip is a
 * workbook, readable UTF-8 text is CSV, anything else is refused with a named reason.
 */
export async function readGrids(bytes: Uint8Array, filename: string): Promise<{ grids: Grid[]; issues: ImportIssue[] }> {
  if (bytes.length === 0) return { grids: [], issues: [fileIssue("empty")] };
  if (isOle(bytes)) return { grids: [], issues: [fileIssue("legacyXls")] };
  if (isZip(bytes)) return readWorkbook(bytes);

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { grids: [], issues: [fileIssue(/\.csv$/i.test(filename) ? "notUtf8" : "notSpreadsheet")] };
  }
  // Text with NUL bytes or no separators on its first line is not a table.
  if (text.includes("\u0000") || !/[,;\t]/.test(text.split(/\r?\n/)[0] ?? "")) {
    return { grids: [], issues: [fileIssue(text.trim() === "" ? "empty" : "notSpreadsheet")] };
  }
  const grid = csvGrid(filename.replace(/\.[^.]*$/, "") || "CSV", text);
  return checked([grid]);
}

async function readWorkbook(bytes: Uint8Array): Promise<{ grids: Grid[]; issues: ImportIssue[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { grids: [], issues: [fileIssue("notSpreadsheet")] };
  }
  const grids: Grid[] = [];
  for (const sheet of workbook.worksheets) {
    const rows: Grid["rows"] = [];
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
      if (!isBlank(cells)) rows.push({ row: rowNumber, cells });
    });
    if (rows.length) grids.push({ name: sheet.name, rows });
  }
  return checked(grids);
}

function checked(grids: Grid[]): { grids: Grid[]; issues: ImportIssue[] } {
  if (grids.length === 0) return { grids, issues: [fileIssue("empty")] };
  const total = grids.reduce((n, g) => n + g.rows.length, 0);
  if (total > MAX_ROWS) return { grids: [], issues: [fileIssue("tooManyRows", { max: MAX_ROWS, count: total })] };
  return { grids, issues: [] };
}

/** What the cell shows: hyperlinked emails, rich text and formula results all become their text. */
function cellText(cell: ExcelJS.Cell): string {
  try {
    const value = cell.value;
    if (value === null || value === undefined) return "";
    if (typeof value === "object" && "hyperlink" in value && typeof value.text === "string") return value.text.trim();
    return (cell.text ?? "").toString().replace(/\u00a0/g, " ").trim();
  } catch {
    return "";
  }
}
