/**
 * bench/report/summary — the district's summary upward (báo cáo tổng kết) for 1,000 schools
 * (issue 11: aim < 10 s, memory bounded): DOCX, PDF and XLSX, each in a fresh child process so its
 * time and peak memory are its own, beside the baseline of what the overview page itself reads
 * for the same campaign (getOverview with breakdowns) — the SQL the summary is built on.
 * Data: bench/overview's 1,000 schools × 40 cards × 5 items, and a submitted report for nine
 * schools in ten (each with its sections and two commendation proposals).
 *   npm run bench:report -- --summary-only [--schools 1000]
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { generate } from "../overview/generate";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const SCHOOLS = Number(arg("schools", "1000"));
const DIR = path.resolve("bench/.tmp/report-summary");
const FILE = path.join(DIR, "bench.db");
const SELF = fileURLToPath(import.meta.url);
type Result = { ms: number; peakMb: number; bytes: number };

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The 1,000 schools, then one submitted version per school for 90% of them. */
async function prepare(): Promise<string> {
  fs.rmSync(DIR, { recursive: true, force: true });
  fs.mkdirSync(DIR, { recursive: true });
  const sqlite = new Database(FILE);
  sqlite.pragma("journal_mode = WAL");
  for (const m of fs.readdirSync("prisma/migrations").filter((d) => /^\d/.test(d)).sort()) {
    sqlite.exec(fs.readFileSync(path.join("prisma/migrations", m, "migration.sql"), "utf8"));
  }
  const { campaignId } = generate(sqlite, SCHOOLS);
  // The campaign is open (bench/overview writes the status's older name).
  sqlite.prepare("UPDATE Campaign SET status = 'active', targets = ? WHERE id = ?").run(JSON.stringify({ sang: 70, xanh: 70, sach: 80, dep: 60, an_toan: 85, van_minh: 70 }), campaignId);

  const { initBoardDoc, decodeBoard, PLAN_2023_TEMPLATE } = await import("../../app/domain");
  const { reportFigures } = await import("../../app/domain/report-figures");
  const Y = await import("yjs");
  const doc = new Y.Doc();
  initBoardDoc(doc, PLAN_2023_TEMPLATE, { templateVersion: 1 });
  const figures = reportFigures(decodeBoard(doc), { sang: 70, xanh: 70, sach: 80, dep: 60, an_toan: 85, van_minh: 70 });

  const boards = sqlite.prepare("SELECT b.id AS boardId, s.name AS name, st.itemsDone AS done, st.itemsTotal AS total FROM Board b JOIN School s ON s.id = b.schoolId JOIN BoardStat st ON st.boardId = b.id WHERE b.campaignId = ?").all(campaignId) as { boardId: string; name: string; done: number; total: number }[];
  const insVersion = sqlite.prepare(
    `INSERT INTO ReportVersion (id, boardId, campaignId, version, data, figures, pdfKey, submittedById, submittedAt, status) VALUES (?, ?, ?, 1, ?, ?, ?, 'bench-principal', ?, ?)`,
  );
  const insSubmission = sqlite.prepare(
    `INSERT INTO ReportSubmission (boardId, campaignId, submittedById, submittedAt, note, itemsDone, itemsTotal, status, version) VALUES (?, ?, 'bench-principal', ?, '', ?, ?, ?, 1)`,
  );
  const write = sqlite.transaction(() => {
    boards.forEach((b, i) => {
      if (i % 10 === 9) return;
      const status = i % 3 === 0 ? "accepted" : "submitted";
      const at = iso(new Date(Date.parse("2023-11-24T02:00:00Z") + (i % 14) * 86_400_000));
      const input = {
        schoolName: b.name,
        campaign: { name: "Phong trào thử tải", planNumber: "1/KH", planDate: "2023-04-10", issuer: "Phòng thử" },
        draft: {
          header: { parentBody: "UBND QUẬN THỬ", issuingBody: b.name.toUpperCase(), number: String(i + 1), symbol: "BC-THU", place: "Kiến An", date: "2023-11-24", recipients: ["Phòng thử"], distribution: ["Như trên", "Lưu: VT"], signerCapacity: ["HIỆU TRƯỞNG"], signerName: `Hiệu trưởng số ${i}` },
          summary: "Kết quả thực hiện phong trào thử tải",
          sections: { results: `Trường số ${i} đã ra quân làm sạch trường, trồng ${i % 50} cây xanh.`, shortcomings: "Sân trường còn hẹp.", proposals: "Đề nghị hỗ trợ kinh phí." },
          commendations: [
            { kind: "collective", name: `Tổ chuyên môn số ${i}`, reason: "Đi đầu trong phong trào." },
            { kind: "individual", name: `Giáo viên ${crypto.randomBytes(3).toString("hex")}`, reason: "Tuyên truyền tốt." },
          ],
          evidenceIds: [],
        },
        figures,
        names: {},
        photos: [],
      };
      insVersion.run(crypto.randomUUID(), b.boardId, campaignId, JSON.stringify({ input, note: "" }), JSON.stringify(figures), `reports/${b.boardId}/v1.pdf`, at, status);
      insSubmission.run(b.boardId, campaignId, at, b.done, b.total, status);
    });
  });
  write();
  sqlite.close();
  return campaignId;
}

async function runCase(name: string, campaignId: string) {
  // Sampled here: ru_maxrss survives exec on Linux, so it would report the parent's peak.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  process.env.DATABASE_URL = `file:${FILE}`;
  process.env.LOG_LEVEL = "error";
  const { configureSqlite, getDb } = await import("../../app/utils/db.server");
  await configureSqlite(getDb());
  const { findCampaign, getOverview } = await import("../../app/models/overview.server");
  const { summaryFile } = await import("../../app/features/report/summary.server");
  const { todayInHcm } = await import("../../app/domain");
  const campaign = (await findCampaign(campaignId))!;
  const started = performance.now();
  let bytes = 0;
  if (name === "overview") bytes = JSON.stringify(await getOverview(campaign, { today: todayInHcm(new Date()), breakdowns: true })).length;
  else bytes = (await summaryFile(campaign, name as "docx" | "pdf" | "xlsx")).length;
  const ms = performance.now() - started;
  clearInterval(sampler);
  const result: Result = { ms, peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, bytes };
  console.log(JSON.stringify(result));
}

function child(name: string, campaignId: string): Result {
  const out = execFileSync(process.execPath, ["--import", "tsx", SELF, "--case", name, "--campaign", campaignId], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "error" } });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Result;
}

if (process.argv.includes("--case")) {
  await runCase(arg("case", ""), arg("campaign", ""));
} else {
  const t0 = performance.now();
  const campaignId = await prepare();
  console.log(`generated ${SCHOOLS} schools, 90% with a submitted report, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const line = (label: string, r: Result) =>
    console.log(`${label.padEnd(52)} ${(r.ms / 1000).toFixed(2).padStart(6)} s   peak RSS ${r.peakMb.toFixed(0).padStart(5)} MB   ${(r.bytes / 1e6).toFixed(2).padStart(6)} MB out`);
  console.log(`\nthe district summary for ${SCHOOLS} schools (one cold run each, fresh process)`);
  line("baseline: the overview's own read (SQL, breakdowns)", child("overview", campaignId));
  for (const ext of ["docx", "pdf", "xlsx"] as const) line(`ours: summary.${ext}`, child(ext, campaignId));
  console.log("\npeak RSS is the whole child process (Node + tsx + the case); aim: each file < 10 s.");
}
