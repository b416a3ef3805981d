import zlib from "node:zlib";
import ExcelJS from "exceljs";
import yauzl from "yauzl";

/**
 * Hostile workbooks for the import's tests and benchmark: a real .xlsx (made by exceljs) whose
 * first sheet is replaced by XML that inflates to `inflatedMb`. Built by streaming deflate, so
 * making a 500 MB bomb costs ~2 MB of memory.
 */
export interface BombOptions {
  inflatedMb: number;
  /** The central directory declares this many bytes for the sheet instead of the truth. */
  declaredBytes?: number;
  /** Instead of one huge cell: this many small rows (a row-count bomb). */
  rows?: number;
}

interface Entry {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

async function templateEntries(): Promise<Map<string, Buffer>> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Nhân sự").addRow(["Họ và tên", "Email", "Trường", "Vai trò"]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on("data", (c: Buffer) => parts.push(c));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", resolve);
      zip.readEntry();
    }),
  );
  return entries;
}

/** Deflates head + body×times + tail as one stream; returns compressed bytes, crc and size. */
async function deflateRepeated(head: string, body: Buffer, times: number, tail: string) {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((r) => deflate.once("drain", r));
  };
  await write(Buffer.from(head));
  for (let i = 0; i < times; i++) await write(body);
  await write(Buffer.from(tail));
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

function zip(entries: Entry[], declared: Map<string, number>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = declared.get(e.name) ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Email</t></is></c><c r="C1" t="inlineStr"><is><t>Trường</t></is></c><c r="D1" t="inlineStr"><is><t>Vai trò</t></is></c></row>';

export async function makeBomb(options: BombOptions): Promise<Buffer> {
  const files = await templateEntries();
  const sheetName = [...files.keys()].find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
  const entries: Entry[] = [];
  for (const [name, raw] of files) {
    if (name === sheetName) continue;
    const data = zlib.deflateRawSync(raw);
    entries.push({ name, data, crc: zlib.crc32(raw), size: raw.length });
  }
  let sheet: { data: Buffer; crc: number; size: number };
  if (options.rows) {
    // Rows of a real people sheet, repeated: small, but far too many.
    const one = Buffer.from('<row><c t="inlineStr"><is><t>Lê Thu</t></is></c><c t="inlineStr"><is><t>le.thu@kienan.edu.vn</t></is></c></row>');
    const batch = Buffer.concat(Array.from({ length: 1000 }, () => one));
    sheet = await deflateRepeated(SHEET_HEAD, batch, Math.ceil(options.rows / 1000), "</sheetData></worksheet>");
  } else {
    const mb = Buffer.alloc(1024 * 1024, "A");
    sheet = await deflateRepeated(`${SHEET_HEAD}<row r="2"><c r="A2" t="inlineStr"><is><t>`, mb, options.inflatedMb, "</t></is></c></row></sheetData></worksheet>");
  }
  entries.push({ name: sheetName, ...sheet });
  const declared = new Map<string, number>();
  if (options.declaredBytes !== undefined) declared.set(sheetName, options.declaredBytes);
  return zip(entries, declared);
}
