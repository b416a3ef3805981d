import ExcelJS from "exceljs";
import { todayInHcm, WARDS } from "~/domain";
import { normaliseDocument, numberLine, placeAndDate, type Block, type ReportDocument } from "~/domain/report-doc";
import { formatDate, formatDateTime } from "~/i18n/format";
import { t } from "~/i18n/i18n";
import { criterionProgress } from "~/models/campaign-progress.server";
import { getOverview, type OverviewCampaign } from "~/models/overview.server";
import { districtHeader } from "~/models/report-draft.server";
import { versionInput } from "~/models/report.server";
import { getDb } from "~/utils/db.server";
import { commendationTable } from "./compose";
import { renderDocx } from "./render-docx.server";
import { renderPdf } from "./render-pdf.server";

// The district's báo cáo tổng kết upward (UBND, Sở): the same document model and renderers as a
// school's report, and the Excel summary. Figures from the overview's SQL, highlights and
// commendations from each school's latest submitted version.

const vi = (key: string, o?: Record<string, unknown>) => t("vi", key, o);
const pct = (d: number, n: number) => (n ? `${String(Math.round((d / n) * 1000) / 10).replace(".", ",")}%` : "—");
const wardName = (slug: string) => WARDS.find((w) => w.slug === slug)?.name ?? slug;
const stateText = (r: { status: string; late: boolean } | null) => (r ? `${vi(`reportPage.state.${r.status}`)}${r.late ? ` (${vi("report.late").toLowerCase()})` : ""}` : vi("report.statusMissing"));

export async function summaryData(campaign: OverviewCampaign) {
  const db = getDb();
  const today = todayInHcm(new Date());
  const [overview, criteria, full] = await Promise.all([
    getOverview(campaign, { today, breakdowns: true }),
    criterionProgress(campaign.id),
    db.campaign.findUniqueOrThrow({ where: { id: campaign.id } }),
  ]);
  const latest = await db.reportVersion.findMany({ where: { campaignId: campaign.id, status: { in: ["submitted", "accepted"] } }, orderBy: { version: "desc" } });
  const seen = new Set<string>();
  const reports = latest.filter((v) => !seen.has(v.boardId) && seen.add(v.boardId)).map((v) => versionInput(v).input);
  return { overview, criteria, campaign: full, reports, header: await districtHeader(campaign.districtId) };
}
type SummaryData = Awaited<ReturnType<typeof summaryData>>;

export function composeSummary(d: SummaryData): ReportDocument {
  const { overview: o } = d;
  const h = d.header;
  const accepted = o.schools.filter((s) => s.report?.status === "accepted").length;
  const body: Block[] = [
    { type: "paragraph", indent: true, runs: [{ text: vi("reportDoc.summary.intro", { campaign: d.campaign.name, issuer: d.campaign.issuer, schools: o.totals.schools }) }] },
    { type: "heading", level: 1, text: `I. ${vi("reportDoc.summary.overall").toUpperCase()}` },
    {
      type: "paragraph",
      indent: true,
      runs: [{ text: vi("reportDoc.summary.overallLine", { done: o.totals.checklist.done, total: o.totals.checklist.total, percent: pct(o.totals.checklist.done, o.totals.checklist.total), submitted: o.totals.reports.submitted, schools: o.totals.schools, accepted, late: o.totals.reports.late }) }],
    },
    { type: "heading", level: 2, text: `1. ${vi("reportDoc.summary.byCriterion")}` },
    {
      type: "table",
      columns: [
        { title: vi("reportDoc.col.criterion"), width: 0.28 },
        { title: vi("reportDoc.col.target"), width: 0.16, align: "center" },
        { title: vi("reportDoc.col.measured"), width: 0.16, align: "center" },
        { title: vi("reportDoc.col.items"), width: 0.18, align: "center" },
        { title: vi("reportDoc.summary.schoolsAtTarget"), width: 0.22, align: "center" },
      ],
      rows: d.criteria.map((c) => [vi(`criteria.${c.criterion}`), c.target === null ? "—" : `${c.target}%`, pct(c.done, c.total), `${c.done}/${c.total}`, c.schoolsAtTarget === null ? "—" : `${c.schoolsAtTarget}/${c.schools}`]),
    },
    { type: "heading", level: 2, text: `2. ${vi("reportDoc.summary.byLevel")}` },
    {
      type: "table",
      columns: [{ title: vi("reportDoc.col.level"), width: 0.4 }, { title: vi("reportDoc.col.items"), width: 0.3, align: "center" }, { title: vi("reportDoc.col.rate"), width: 0.3, align: "center" }],
      rows: (o.breakdowns?.levels ?? []).map((l) => [vi(`levels.${l.key}`), `${l.done}/${l.total}`, pct(l.done, l.total)]),
    },
    { type: "heading", level: 2, text: `3. ${vi("reportDoc.summary.byWard")}` },
    {
      type: "table",
      columns: [{ title: vi("reportDoc.col.ward"), width: 0.4 }, { title: vi("reportDoc.col.schools"), width: 0.2, align: "center" }, { title: vi("reportDoc.col.items"), width: 0.2, align: "center" }, { title: vi("reportDoc.col.rate"), width: 0.2, align: "center" }],
      rows: [...new Set(o.schools.map((s) => s.school.ward))].map((w) => {
        const own = o.schools.filter((s) => s.school.ward === w);
        const done = own.reduce((n, s) => n + (s.progress?.done ?? 0), 0);
        const total = own.reduce((n, s) => n + (s.progress?.total ?? 0), 0);
        return [wardName(w), String(own.length), `${done}/${total}`, pct(done, total)];
      }),
    },
    { type: "heading", level: 2, text: `4. ${vi("reportDoc.summary.schools")}` },
    {
      type: "table",
      columns: [{ title: vi("reportDoc.col.no"), width: 0.07, align: "center" }, { title: vi("reportDoc.col.school"), width: 0.38 }, { title: vi("reportDoc.col.progress"), width: 0.2, align: "center" }, { title: vi("reportDoc.col.status"), width: 0.35 }],
      rows: o.schools.map((s, i) => [String(i + 1), s.school.name, s.progress ? `${s.progress.done}/${s.progress.total}` : "—", `${stateText(s.report)}${s.report ? ` ${formatDate(s.report.submittedAt)}` : ""}`]),
    },
    { type: "heading", level: 1, text: `II. ${vi("reportDoc.summary.highlights").toUpperCase()}` },
  ];
  const highlights = d.reports.flatMap((r) => (r.draft.sections.results.trim() ? [{ school: r.schoolName, text: r.draft.sections.results.split(/\n+/)[0]!.trim() }] : []));
  if (!highlights.length) body.push({ type: "paragraph", indent: true, runs: [{ text: vi("reportDoc.summary.noHighlights") }] });
  for (const hl of highlights) body.push({ type: "bullet", runs: [{ text: `${hl.school}: `, bold: true }, { text: hl.text }] });
  body.push({ type: "heading", level: 1, text: `III. ${vi("reportDoc.summary.commendations").toUpperCase()}` });
  body.push(commendationTable(d.reports.flatMap((r) => r.draft.commendations.map((c) => ({ ...c, school: r.schoolName })))));
  return normaliseDocument({
    parentBody: h.parentBody.toUpperCase(),
    issuingBody: h.issuingBody.toUpperCase(),
    numberLine: numberLine(h.number, h.symbol),
    placeDate: placeAndDate(h.place, h.date),
    type: "BÁO CÁO",
    summary: `Tổng kết ${d.campaign.name}`,
    recipients: h.recipients,
    body,
    closing: vi("reportDoc.summary.closing", { issuer: d.campaign.issuer }),
    distribution: h.distribution,
    signerCapacity: h.signerCapacity,
    signerName: h.signerName,
    appendix: null,
  });
}

export async function summaryFile(campaign: OverviewCampaign, ext: "docx" | "pdf" | "xlsx"): Promise<Buffer> {
  const d = await summaryData(campaign);
  if (ext === "docx") return renderDocx(composeSummary(d), new Map());
  if (ext === "pdf") return renderPdf(composeSummary(d), new Map());
  return summaryWorkbook(d);
}

/** The Excel summary: real dates, a totals row, the targets; one sheet each for schools, criteria, commendations. */
async function summaryWorkbook(d: SummaryData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Campaign Board";
  const schools = wb.addWorksheet(vi("reportDoc.summary.schools").slice(0, 31));
  schools.columns = [
    { header: vi("reportDoc.col.school"), key: "school", width: 34 },
    { header: vi("reportDoc.col.level"), key: "level", width: 12 },
    { header: vi("reportDoc.col.ward"), key: "ward", width: 16 },
    { header: vi("reportDoc.col.items"), key: "done", width: 10 },
    { header: "Tổng số việc", key: "total", width: 12 },
    { header: vi("reportDoc.col.rate"), key: "rate", width: 10, style: { numFmt: "0.0%" } },
    { header: vi("reportDoc.col.status"), key: "status", width: 22 },
    { header: vi("reportDoc.col.submittedAt"), key: "submittedAt", width: 18, style: { numFmt: "dd/mm/yyyy hh:mm" } },
  ];
  for (const s of d.overview.schools) {
    schools.addRow({
      school: s.school.name,
      level: vi(`levels.${s.school.level}`),
      ward: wardName(s.school.ward),
      done: s.progress?.done ?? null,
      total: s.progress?.total ?? null,
      rate: s.progress && s.progress.total ? s.progress.done / s.progress.total : null,
      status: stateText(s.report),
      // A real Excel date, shown in Hồ Chí Minh time: Excel dates carry no zone, so shift by +7 h.
      submittedAt: s.report ? new Date(Date.parse(s.report.submittedAt) + 7 * 3600_000) : null,
    });
  }
  const n = d.overview.schools.length;
  const totals = schools.addRow({ school: vi("reportDoc.total"), done: { formula: `SUM(D2:D${n + 1})` }, total: { formula: `SUM(E2:E${n + 1})` }, rate: { formula: `IF(E${n + 2}=0,0,D${n + 2}/E${n + 2})` }, status: `${d.overview.totals.reports.submitted}/${n}` });
  totals.font = { bold: true };
  schools.getRow(1).font = { bold: true };
  schools.views = [{ state: "frozen", ySplit: 1 }];

  const criteria = wb.addWorksheet("Chỉ tiêu");
  criteria.columns = [
    { header: vi("reportDoc.col.criterion"), key: "c", width: 14 },
    { header: vi("reportDoc.col.target"), key: "target", width: 10, style: { numFmt: "0%" } },
    { header: vi("reportDoc.col.measured"), key: "measured", width: 10, style: { numFmt: "0.0%" } },
    { header: vi("reportDoc.col.items"), key: "done", width: 10 },
    { header: "Tổng số việc", key: "total", width: 12 },
    { header: vi("reportDoc.summary.schoolsAtTarget"), key: "at", width: 18 },
  ];
  for (const c of d.criteria) criteria.addRow({ c: vi(`criteria.${c.criterion}`), target: c.target === null ? null : c.target / 100, measured: c.total ? c.done / c.total : null, done: c.done, total: c.total, at: c.schoolsAtTarget });
  criteria.getRow(1).font = { bold: true };

  const comm = wb.addWorksheet("Khen thưởng");
  comm.columns = [
    { header: vi("reportDoc.col.kind"), key: "kind", width: 12 },
    { header: vi("reportDoc.col.name"), key: "name", width: 28 },
    { header: vi("reportDoc.col.school"), key: "school", width: 30 },
    { header: vi("reportDoc.col.reason"), key: "reason", width: 50 },
  ];
  for (const r of d.reports) for (const c of r.draft.commendations) comm.addRow({ kind: vi(`reportDoc.kind.${c.kind}`), name: c.name, school: r.schoolName, reason: c.reason });
  comm.getRow(1).font = { bold: true };
  const about = wb.addWorksheet("Thông tin");
  about.addRows([["Phong trào", d.campaign.name], ["Xuất lúc", formatDateTime(new Date())]]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
