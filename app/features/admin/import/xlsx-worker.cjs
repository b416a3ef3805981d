// Reads an uploaded XLSX inside a worker thread (see read.server.ts, ADR 015). Plain CommonJS on
// purpose: it is loaded as source text into `new Worker(code, { eval: true })`, so it must not
// depend on the bundler; `require` resolves from the server's working directory.
//
// A workbook is a zip: nothing is parsed before the zip has proved it stays inside the budget.
//   1. The central directory alone (no inflating): entry count, each entry's declared size, and
//      their sum.
//   2. Every entry is inflated as a stream and counted: yauzl stops any entry that inflates past
//      the size it declared, and worksheet XML is scanned for <row> elements, stopping early.
//   3. Only then does exceljs read the workbook, under this worker's heap limit.
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const yauzl = require("yauzl");

/** Thrown for a refusal the user is told about by issue code. */
class Refusal extends Error {
  constructor(code, params) {
    super(code);
    this.code = code;
    this.params = params;
  }
}

function openZip(buffer) {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) =>
      err ? reject(new Refusal("notSpreadsheet")) : resolve(zip),
    ),
  );
}

function listEntries(zip, limits) {
  return new Promise((resolve, reject) => {
    if (zip.entryCount > limits.maxEntries) return reject(new Refusal("unpackedTooLarge", { max: limits.maxUnpackedMb }));
    const entries = [];
    let declared = 0;
    zip.on("entry", (entry) => {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) return reject(new Refusal("unpackedTooLarge", { max: limits.maxUnpackedMb }));
      if (!entry.fileName.endsWith("/")) entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(new Refusal("notSpreadsheet")));
    zip.readEntry();
  });
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;

/** Inflates one entry as a stream; counts <row> elements of worksheets; stops at the first overrun. */
function scanEntry(zip, entry, state, limits) {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(new Refusal("notSpreadsheet"));
      const sheet = WORKSHEET.test(entry.fileName);
      let tail = "";
      stream.on("data", (chunk) => {
        state.inflated += chunk.length;
        if (state.inflated > limits.maxUnpackedBytes) {
          stream.destroy();
          return reject(new Refusal("unpackedTooLarge", { max: limits.maxUnpackedMb }));
        }
        if (!sheet) return;
        const text = tail + chunk.toString("latin1");
        state.rows += (text.match(ROW_TAG) ?? []).length;
        // Keep the last few characters: a tag may be split across two chunks.
        tail = text.slice(-8).replace(ROW_TAG, "");
        if (state.rows > limits.maxRowElements) {
          stream.destroy();
          reject(new Refusal("tooManyRows", { max: limits.maxRows, count: `${limits.maxRowElements}+` }));
        }
      });
      stream.on("end", resolve);
      // validateEntrySizes: an entry that inflates past (or short of) its declared size errors here.
      stream.on("error", (error) =>
        reject(/too many bytes/.test(String(error && error.message)) ? new Refusal("unpackedTooLarge", { max: limits.maxUnpackedMb }) : new Refusal("notSpreadsheet")),
      );
    });
  });
}

const isBlank = (cells) => cells.every((c) => c.trim() === "");

/** What the cell shows: hyperlinked emails, rich text and formula results all become their text. */
function cellText(cell) {
  try {
    const value = cell.value;
    if (value === null || value === undefined) return "";
    if (typeof value === "object" && "hyperlink" in value && typeof value.text === "string") return value.text.trim();
    return (cell.text ?? "").toString().replace(/\u00a0/g, " ").trim();
  } catch {
    return "";
  }
}

async function readWorkbook(buffer) {
  // Loaded only once the zip has passed: a refused file never pays for exceljs.
  const ExcelJS = require("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer);
  } catch {
    throw new Refusal("notSpreadsheet");
  }
  const grids = [];
  for (const sheet of workbook.worksheets) {
    const rows = [];
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = [];
      for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
      if (!isBlank(cells)) rows.push({ row: rowNumber, cells });
    });
    if (rows.length) grids.push({ name: sheet.name, rows });
  }
  return grids;
}

async function main() {
  const { bytes, limits } = workerData;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await openZip(buffer);
  const entries = await listEntries(zip, limits);
  const state = { inflated: 0, rows: 0 };
  for (const entry of entries) await scanEntry(zip, entry, state, limits);
  return readWorkbook(buffer);
}

main().then(
  (grids) => parentPort.postMessage({ ok: true, grids }),
  (error) =>
    parentPort.postMessage(
      error instanceof Refusal ? { ok: false, code: error.code, params: error.params } : { ok: false, code: "notSpreadsheet" },
    ),
);
