import { daysLeft } from "~/domain";
import { formatPercent } from "~/i18n/format";
import { t, type Locale } from "~/i18n/i18n";
import { districtAverage, districtCampaigns, getOverview, type Breakdown, type Overview, type OverviewCampaign } from "~/models/overview.server";
import type { SessionUser } from "~/utils/permissions.server";
import { criterionProgress } from "~/models/campaign-progress.server";
import type { ChartRow, ChartTableRow } from "./charts";
import { wardName } from "./labels";
import { getMatrix } from "./matrix.server";
import type { ResolvedOverview } from "./request.server";
import { deadlineState, lastDayBefore, percent } from "./schedule";

// What the overview page shows, already shaped for its components (labels translated here so
// the charts and tables receive plain rows).

export type ChartData = {
  title: string;
  wide?: boolean;
  chart: { rows: ChartRow[]; series: { key: string; name: string }[]; axisLabel: string; labelWidth?: number };
  table: { headers: string[]; rows: ChartTableRow[] };
};

function campaignHead(c: OverviewCampaign, today: string) {
  const lastDay = lastDayBefore(c.deadline);
  return {
    campaign: { id: c.id, slug: c.slug, name: c.name, deadline: c.deadline, lastDay, status: c.status, closedOn: c.closedOn },
    // The report is due "before" the deadline date, so the last day on time is the day before.
    deadline: deadlineState(daysLeft(lastDay, today), c.status),
  };
}

const labelOf = (locale: Locale, kind: "criteria" | "categories" | "levels", key: string) => t(locale, `${kind}.${key}`);

// Category names are long ("Giáo dục bảo vệ môi trường"): their chart takes the full width.
const WIDE: Record<string, { wide: boolean; labelWidth: number }> = { categories: { wide: true, labelWidth: 210 } };

function singleSeriesChart(locale: Locale, kind: "criteria" | "categories" | "levels", rows: Breakdown<string>): ChartData {
  const tr = (k: string) => t(locale, `overview.charts.${k}`);
  return {
    title: tr(kind),
    wide: WIDE[kind]?.wide,
    chart: {
      rows: rows.map((r) => ({ label: labelOf(locale, kind, r.key), percent: percent(r.done, r.total) })),
      series: [{ key: "percent", name: tr("percent") }],
      axisLabel: tr("percentAxis"),
      labelWidth: WIDE[kind]?.labelWidth,
    },
    table: {
      headers: [tr("group"), tr("done"), tr("total"), tr("percent")],
      rows: rows.map((r) => ({ label: labelOf(locale, kind, r.key), cells: [r.done, r.total, formatPercent(percent(r.done, r.total), locale)] })),
    },
  };
}

function comparisonChart(locale: Locale, kind: "criteria" | "categories", own: Breakdown<string>, district: Breakdown<string>): ChartData {
  const tr = (k: string) => t(locale, `overview.charts.${k}`);
  const districtPct = (key: string) => {
    const d = district.find((r) => r.key === key);
    return d ? percent(d.done, d.total) : 0;
  };
  return {
    title: tr(kind),
    wide: WIDE[kind]?.wide,
    chart: {
      labelWidth: WIDE[kind]?.labelWidth,
      rows: own.map((r) => ({ label: labelOf(locale, kind, r.key), school: percent(r.done, r.total), district: districtPct(r.key) })),
      series: [
        { key: "school", name: tr("yourSchool") },
        { key: "district", name: tr("district") },
      ],
      axisLabel: tr("percentAxis"),
    },
    table: {
      headers: [tr("group"), tr("yourSchool"), tr("district")],
      rows: own.map((r) => ({ label: labelOf(locale, kind, r.key), cells: [`${r.done}/${r.total} (${formatPercent(percent(r.done, r.total), locale)})`, formatPercent(districtPct(r.key), locale)] })),
    },
  };
}

export async function districtPageData(user: SessionUser, resolved: ResolvedOverview & { campaign: OverviewCampaign }, locale: Locale) {
  const { campaign, query, today } = resolved;
  const [campaigns, overview, targets] = await Promise.all([
    districtCampaigns(user.districtId),
    getOverview(campaign, { filters: query.filters, today, breakdowns: true, sort: { key: query.sort, dir: query.dir, wardName } }),
    criterionProgress(campaign.id),
  ]);
  const matrix = await getMatrix(campaign, overview.schools, { filters: query.filters, today });
  const b = overview.breakdowns!;
  return {
    scope: "district" as const,
    ...campaignHead(campaign, today),
    campaigns: campaigns.map((c) => ({ id: c.id, slug: c.slug, name: c.name, deadline: c.deadline, status: c.status })),
    targets,
    query,
    problems: resolved.problems,
    totals: overview.totals,
    schools: overview.schools,
    matrix: {
      requirements: matrix.requirements,
      columns: matrix.columns.map((c, i) => ({ ...c, level: overview.schools[i]!.school.level, status: overview.schools[i]!.status })),
    },
    charts: [singleSeriesChart(locale, "criteria", b.criteria), singleSeriesChart(locale, "levels", b.levels), singleSeriesChart(locale, "categories", b.categories)],
  };
}

export async function schoolPageData(user: SessionUser, resolved: ResolvedOverview & { campaign: OverviewCampaign }, locale: Locale) {
  const { campaign, today } = resolved;
  const [district, own] = await Promise.all([
    getOverview(campaign, { today, breakdowns: true }),
    getOverview(campaign, { today, breakdowns: true, schoolId: user.schoolId! }),
  ]);
  const line = own.schools[0] ?? null;
  return {
    scope: "school" as const,
    ...campaignHead(campaign, today),
    line,
    average: districtAverage(district.schools),
    totals: district.totals,
    charts: line
      ? [
          comparisonChart(locale, "criteria", own.breakdowns!.criteria, district.breakdowns!.criteria),
          comparisonChart(locale, "categories", own.breakdowns!.categories, district.breakdowns!.categories),
        ]
      : [],
  };
}

export type DistrictPageData = Awaited<ReturnType<typeof districtPageData>>;
export type SchoolPageData = Awaited<ReturnType<typeof schoolPageData>>;
export type { Overview };
