import ExcelJS from "exceljs";
import { formatDate, formatDateTime } from "~/i18n/format";
import { t } from "~/i18n/i18n";
import { todayInHcm } from "~/domain";
import { criterionProgress, type CriterionProgress } from "~/models/campaign-progress.server";
import { getOverview, type Overview } from "~/models/overview.server";
import { requireUser } from "~/utils/permissions.server";
import { getMatrix, type Matrix } from "./matrix.server";
import { OverviewRequestError, resolveOverview } from "./request.server";
import type { OverviewFilters } from "./filters";
import { percent } from "./schedule";
import { wardName } from "./labels";

// The overview as tables with Vietnamese headings, whatever the interface language: the file is
// sent upward (to Sở GD&ĐT) as it is. The Excel workbook holds every view, one sheet each; a
// CSV file holds one view.

type Cell = string | number | null;
export type ExportTable = { sheet: string; headers: string[]; rows: Cell[][] };
export const EXPORT_VIEWS = ["schools", "matrix", "targets", "criteria", "categories", "levels"] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

const vi = (key: string, options?: Record<string, unknown>) => t("vi", key, options);

export function exportTables(overview: Overview, matrix: Matrix, targets: CriterionProgress[]): Record<ExportView, ExportTable> {
  const h = (key: string) => vi(`overview.export.columns.${key}`);
  const schools: ExportTable = {
    sheet: vi("overview.export.sheets.schools"),
    headers: ["school", "level", "ward", "status", "done", "total", "percent", "planned", "in_progress", "cardsDone", "overdue", "lastActivity"].map(h).concat(vi("report.column")),
    rows: overview.schools.map((s) => [
      s.school.name,
      vi(`levels.${s.school.level}`),
      wardName(s.school.ward),
      vi(`overview.statuses.${s.status}`),
      s.progress?.done ?? null,
      s.progress?.total ?? null,
      s.progress ? percent(s.progress.done, s.progress.total) : null,
      s.cards?.planned ?? null,
      s.cards?.in_progress ?? null,
      s.cards?.done ?? null,
      s.overdue,
      s.lastActivityAt ? formatDateTime(s.lastActivityAt) : null,
      s.report ? `${vi(`reportPage.state.${s.report.status}`)}${s.report.late ? ` - ${vi("report.late")}` : ""} ${formatDateTime(s.report.submittedAt)}` : vi("report.statusMissing"),
    ]),
  };
  const unreadable = new Set(overview.schools.filter((s) => s.status === "unreadable").map((s) => s.boardId));
  const matrixTable: ExportTable = {
    sheet: vi("overview.export.sheets.matrix"),
    headers: [h("requirement"), h("dueDate"), ...matrix.columns.map((c) => c.name)],
    rows: matrix.requirements.map((r, i) => [
      r.title,
      r.dueDate ? formatDate(r.dueDate) : null,
      ...matrix.columns.map((c) => (unreadable.has(c.boardId) ? vi("overview.statuses.unreadable") : vi(`overview.matrix.states.${c.cells[i]}`))),
    ]),
  };
  const breakdown = (sheet: string, first: string, rows: { label: string; done: number; total: number }[]): ExportTable => ({
    sheet,
    headers: [first, h("done"), h("total"), h("percent")],
    rows: rows.map((r) => [r.label, r.done, r.total, percent(r.done, r.total)]),
  });
  const b = overview.breakdowns ?? { criteria: [], categories: [], levels: [] };
  // Chỉ tiêu: target, measured, and which schools reach it, named (the overview links them).
  const targetsTable: ExportTable = {
    sheet: vi("overview.export.sheets.targets"),
    headers: ["criterion", "target", "measured", "schoolsAtTarget", "schoolsReached"].map(h),
    rows: targets.map((c) => [
      vi(`criteria.${c.criterion}`),
      c.target,
      c.percent,
      c.target === null ? null : `${c.schoolsAtTarget ?? 0}/${c.schools}`,
      c.target === null ? null : c.reached.map((s) => s.name).join("; "),
    ]),
  };
  return {
    schools,
    matrix: matrixTable,
    targets: targetsTable,
    criteria: breakdown(vi("overview.export.sheets.criteria"), h("criterion"), b.criteria.map((r) => ({ ...r, label: vi(`criteria.${r.key}`) }))),
    categories: breakdown(vi("overview.export.sheets.categories"), h("category"), b.categories.map((r) => ({ ...r, label: vi(`categories.${r.key}`) }))),
    levels: breakdown(vi("overview.export.sheets.levels"), h("level"), b.levels.map((r) => ({ ...r, label: vi(`levels.${r.key}`) }))),
  };
}

function aboutRows(overview: Overview, filters: OverviewFilters): Cell[][] {
  const c = overview.campaign;
  const labels: Record<keyof OverviewFilters, (v: string) => string> = {
    level: (v) => vi(`levels.${v}`),
    ward: wardName,
    category: (v) => vi(`categories.${v}`),
    criterion: (v) => vi(`criteria.${v}`),
    status: (v) => vi(`overview.statuses.${v}`),
    report: (v) => vi(`overview.reportFilter.${v}`),
  };
  const filterText = (Object.keys(labels) as (keyof OverviewFilters)[])
    .filter((k) => filters[k])
    .map((k) => `${vi(`overview.filters.${k}`)}: ${labels[k](filters[k]!)}`)
    .join("; ");
  const a = (key: string) => vi(`overview.export.about.${key}`);
  return [
    [a("campaign"), c.name],
    [a("deadline"), formatDate(c.deadline)],
    [a("exportedOn"), formatDate(todayInHcm(new Date()))],
    [a("measuredOn"), c.closedOn ? vi("overview.closed.asOf", { date: formatDate(c.closedOn) }) : formatDate(overview.today)],
    [a("filters"), filterText || vi("overview.filters.all")],
    [a("schools"), overview.totals.schools],
    [a("progress"), `${overview.totals.checklist.done}/${overview.totals.checklist.total} (${percent(overview.totals.checklist.done, overview.totals.checklist.total)}%)`],
    [a("overdue"), overview.totals.overdue],
    [a("unreadable"), overview.totals.unreadable],
    [vi("report.column"), vi("report.summary", { submitted: overview.totals.reports.submitted, total: overview.totals.schools })],
    [a("demo"), vi("app.demoNotice")],
  ];
}

export async function overviewWorkbook(overview: Overview, matrix: Matrix, targets: CriterionProgress[], filters: OverviewFilters): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Campaign Board";
  wb.created = new Date();
  for (const table of Object.values(exportTables(overview, matrix, targets))) {
    const ws = wb.addWorksheet(table.sheet, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
    ws.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) ws.addRow(row);
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 48 : Math.max(10, Math.min(24, (table.headers[i]?.length ?? 8) + 4))));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  const about = wb.addWorksheet(vi("overview.export.sheets.about"));
  for (const row of aboutRows(overview, filters)) about.addRow(row);
  about.getColumn(1).width = 28;
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).width = 90;
  const buffer = await wb.xlsx.writeBuffer();
  return buffer instanceof ArrayBuffer ? buffer : new Uint8Array(buffer).slice().buffer;
}

// A cell a spreadsheet would run as a formula (school-typed titles reach the matrix) is quoted.
const FORMULA_START = /^[=+\-@\t\r]/;
function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark and CRLF lines, so Excel opens Vietnamese text as it is. */
export function overviewCsv(table: ExportTable): string {
  const lines = [table.headers, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export function exportFileName(overview: Overview, ext: string, view?: string): string {
  return `tong-quan-${overview.campaign.slug}${view ? `-${view}` : ""}-${overview.today}.${ext}`;
}

/** Everything an export needs, resolved like the page (district roles only, strict filters). */
export async function loadExport(request: Request) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const view = params.get("view");
  params.delete("view");
  let resolved;
  try {
    resolved = await resolveOverview(user, params, { strict: true, scopes: ["district"] });
  } catch (error) {
    if (error instanceof OverviewRequestError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  if (!resolved.campaign) throw new Response("No campaign", { status: 404 });
  if (view !== null && !(EXPORT_VIEWS as readonly string[]).includes(view)) {
    throw new Response(`"view" must be one of ${EXPORT_VIEWS.join(", ")}; got "${view}"`, { status: 400 });
  }
  const { query, today, campaign } = resolved;
  const overview = await getOverview(campaign, { filters: query.filters, today, breakdowns: true, sort: { key: query.sort, dir: query.dir, wardName } });
  const [matrix, targets] = await Promise.all([getMatrix(campaign, overview.schools, { filters: query.filters, today }), criterionProgress(campaign.id)]);
  return { overview, matrix, targets, filters: query.filters, view: (view ?? "schools") as ExportView };
}

export function attachment(body: BodyInit, type: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
