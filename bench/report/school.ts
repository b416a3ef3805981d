/**
 * bench/report/school — a school's results report with 40 phone photos (issue 11: aim < 3 s,
 * memory bounded). Two measurements, each case in a fresh child process so its peak memory is
 * its own:
 *   1. uploads: 40 photos of 12 MP through processUpload (type by content, EXIF read, oriented,
 *      metadata stripped, 1600 px display + 320 px thumbnail), beside the baseline of keeping
 *      each original re-encoded at full size (the least one can do to strip GPS);
 *   2. the document: compose + DOCX + PDF with those 40 photos in the appendix (display size, as
 *      stored), beside the same report with no photos and with the 12 MP originals embedded.
 *   npm run bench:report -- [--photos 40] [--megapixels 12]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import * as Y from "yjs";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const PHOTOS = Number(arg("photos", "40"));
const MEGAPIXELS = Number(arg("megapixels", "12"));
const DIR = path.resolve("bench/.tmp/report");
const SELF = fileURLToPath(import.meta.url);

type Result = { ms: number; peakMb: number; bytes: number };

/** 40 distinct phone photos (light noise, so JPEG cannot cheat: ~3 MB each, like a phone's), 4:3, with EXIF and GPS. */
async function makePhotos() {
  const originals = path.join(DIR, "originals");
  fs.rmSync(originals, { recursive: true, force: true });
  fs.mkdirSync(originals, { recursive: true });
  const width = Math.round(Math.sqrt((MEGAPIXELS * 1e6 * 4) / 3));
  const height = Math.round((width * 3) / 4);
  for (let i = 0; i < PHOTOS; i++) {
    const jpeg = await sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 90 + i, sigma: 12 } } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: "TestCam", Model: "Phone X" }, IFD2: { DateTimeOriginal: "2026:11:20 08:30:00" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 48/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "106/1 37/1 0/1" } })
      .toBuffer();
    fs.writeFileSync(path.join(originals, `IMG_${String(i).padStart(4, "0")}.jpg`), jpeg);
  }
}

const originals = () => fs.readdirSync(path.join(DIR, "originals")).sort().map((f) => path.join(DIR, "originals", f));

/** One case, run in this (child) process; prints its result as JSON on the last line. */
async function runCase(name: string) {
  // Sampled here: ru_maxrss survives exec on Linux, so it would report the parent's peak.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const { processUpload } = await import("../../app/features/evidence/process.server");
  const files = originals();
  const started = performance.now();
  let bytes = 0;
  if (name === "upload-ours") {
    const out = path.join(DIR, "display");
    fs.mkdirSync(out, { recursive: true });
    for (const [i, file] of files.entries()) {
      const p = await processUpload(fs.readFileSync(file), path.basename(file));
      if (p.kind !== "image") throw new Error("not an image");
      bytes += p.display.length + p.thumb.length;
      fs.writeFileSync(path.join(out, `${i}.jpg`), p.display);
    }
  } else if (name === "upload-baseline") {
    for (const file of files) bytes += (await sharp(fs.readFileSync(file)).rotate().jpeg({ quality: 82 }).toBuffer()).length;
  } else {
    const photos = name === "document-none" ? [] : name === "document-ours" ? files.map((_, i) => path.join(DIR, "display", `${i}.jpg`)) : files;
    bytes = await renderDocument(photos);
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  const result: Result = { ms, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, bytes };
  console.log(JSON.stringify(result));
}

/** compose → DOCX + PDF from one model, as submitting does (app/features/report/files.server). */
async function renderDocument(photoFiles: string[]) {
  const { composeSchoolReport } = await import("../../app/features/report/compose");
  const { renderDocx } = await import("../../app/features/report/render-docx.server");
  const { renderPdf } = await import("../../app/features/report/render-pdf.server");
  const { initBoardDoc, decodeBoard, setChecklistItemDone, PLAN_2023_TEMPLATE } = await import("../../app/domain");
  const { reportFigures } = await import("../../app/domain/report-figures");
  const doc = new Y.Doc();
  initBoardDoc(doc, PLAN_2023_TEMPLATE, { templateVersion: 1 });
  const items = decodeBoard(doc).cards.flatMap((c) => c.checklist.map((i) => ({ card: c.id, item: i.id })));
  items.slice(0, Math.round(items.length * 0.7)).forEach(({ card, item }) => setChecklistItemDone(doc, card, item, true, { userId: "u1", at: new Date("2026-11-20T02:00:00Z") }));
  const figures = reportFigures(decodeBoard(doc), { sang: 70, xanh: 70, sach: 80, dep: 60, an_toan: 85, van_minh: 70 });
  const ids = photoFiles.map((_, i) => `ev-${i}`);
  const model = composeSchoolReport({
    schoolName: "Trường THCS Nam Sơn",
    campaign: { name: "Phong trào thi đua “Xây dựng quận Kiến An Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh” năm học 2026-2027", planNumber: "145/KH-PGDĐT", planDate: "2026-09-10", issuer: "Phòng Giáo dục và Đào tạo quận Kiến An" },
    draft: {
      header: { parentBody: "UBND QUẬN KIẾN AN", issuingBody: "TRƯỜNG THCS NAM SƠN", number: "12", symbol: "BC-THCSNS", place: "Kiến An", date: "2026-12-01", recipients: ["Phòng Giáo dục và Đào tạo quận Kiến An"], distribution: ["Như trên", "Lưu: VT"], signerCapacity: ["HIỆU TRƯỞNG"], signerName: "Nguyễn Văn An" },
      summary: "Kết quả thực hiện phong trào thi đua năm học 2026-2027",
      sections: { results: "Toàn trường ra quân làm sạch sân trường và lớp học.\nTrồng thêm 120 cây xanh.", shortcomings: "Sân trường còn hẹp.", proposals: "Đề nghị hỗ trợ kinh phí trồng cây." },
      commendations: [{ kind: "collective", name: "Chi đoàn giáo viên", reason: "Đi đầu trong ra quân làm sạch trường." }, { kind: "individual", name: "Cô Trần Thị Bình", reason: "Tổ chức tốt tuyên truyền." }],
      evidenceIds: ids,
    },
    figures,
    names: { u1: "Giáo viên Nam Sơn" },
    photos: ids.map((id, i) => ({ id, name: `IMG_${i}.jpg`, takenAt: "2026-11-20T01:30:00.000Z", itemText: "Ra quân làm sạch trường", cardTitle: "Vệ sinh trường lớp" })),
  });
  const images = new Map<string, { bytes: Buffer; width: number; height: number }>();
  for (const [i, file] of photoFiles.entries()) {
    const bytes = fs.readFileSync(file);
    const meta = await sharp(bytes).metadata();
    images.set(ids[i]!, { bytes, width: meta.width!, height: meta.height! });
  }
  const pdf = await renderPdf(model, new Map([...images].map(([k, v]) => [k, v.bytes])));
  const docx = await renderDocx(model, images);
  return pdf.length + docx.length;
}

function child(name: string): Result {
  const out = execFileSync(process.execPath, ["--import", "tsx", SELF, "--case", name, "--photos", String(PHOTOS), "--megapixels", String(MEGAPIXELS)], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "error" } });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Result;
}

const caseName = process.argv.includes("--case") ? arg("case", "") : null;
if (caseName) {
  await runCase(caseName);
} else {
  fs.mkdirSync(DIR, { recursive: true });
  const t0 = performance.now();
  await makePhotos();
  console.log(`${PHOTOS} photos of ${MEGAPIXELS} MP ready (${((performance.now() - t0) / 1000).toFixed(1)} s, ${(originals().reduce((s, f) => s + fs.statSync(f).size, 0) / 1e6).toFixed(0)} MB)`);
  const idle = child("document-none");
  const line = (label: string, r: Result) =>
    console.log(`${label.padEnd(58)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB   ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB out`);
  console.log(`\n1. uploads: ${PHOTOS} photos of ${MEGAPIXELS} MP, one after another`);
  line("baseline: keep the original, re-encoded to strip metadata", child("upload-baseline"));
  line("ours: processUpload (display 1600 px + thumbnail 320 px)", child("upload-ours"));
  console.log(`\n2. the report document (compose + DOCX + PDF)`);
  line("baseline: no photos", idle);
  line(`baseline: ${PHOTOS} originals (${MEGAPIXELS} MP) embedded as they came`, child("document-originals"));
  line(`ours: ${PHOTOS} photos at display size, as stored`, child("document-ours"));
  console.log("\npeak RSS is the whole child process (Node + tsx + the case); aim: the document < 3 s.");
}
