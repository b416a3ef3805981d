import { ReportStatusBadge } from "~/features/report/status-badge";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { SchoolLine } from "~/models/overview.server";
import { overviewSearch, type OverviewQuery, type SortKey } from "./filters";
import { wardName } from "./labels";
import { formatPercent } from "~/i18n/format";
import { percent } from "./schedule";

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: "name", label: "table.school" },
  { key: "ward", label: "table.ward" },
  { key: "progress", label: "table.progress", numeric: true },
  { key: "items", label: "table.items", numeric: true },
  { key: "status", label: "table.status" },
  { key: "overdue", label: "table.overdue", numeric: true },
  { key: "lastActivity", label: "table.lastActivity" },
];

function SortHeader({ column, query }: { column: (typeof COLUMNS)[number]; query: OverviewQuery }) {
  const { t } = useTranslation();
  const active = query.sort === column.key;
  // Figures sort largest first on the first click: officers sort by "overdue" to find the worst.
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : column.numeric ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link to={overviewSearch({ ...query, sort: column.key, dir: nextDir })} preventScrollReset className="ov-sort">
        {t(`overview.${column.label}`)}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
        {active ? <span className="ov-sr"> ({t(query.dir === "asc" ? "overview.table.sortAsc" : "overview.table.sortDesc")})</span> : null}
      </Link>
    </th>
  );
}

export function ProgressCell({ line }: { line: Pick<SchoolLine, "progress" | "expected"> }) {
  const { t, i18n } = useTranslation();
  if (!line.progress) return <span className="ov-unreadable">{t("overview.table.unreadable")}</span>;
  const pct = percent(line.progress.done, line.progress.total);
  const expectedPct = line.expected !== null ? percent(line.expected, line.progress.total) : null;
  return (
    <span className="ov-bar" title={line.expected !== null ? t("overview.table.expected", { expected: line.expected }) : undefined}>
      <span className="ov-bar-track" aria-hidden="true">
        <span className="ov-bar-fill" style={{ width: `${pct}%` }} />
        {expectedPct !== null && expectedPct > 0 ? <span className="ov-bar-expected" style={{ left: `${Math.min(expectedPct, 100)}%` }} /> : null}
      </span>
      <span className="ov-bar-text" data-testid="progress-text">
        {t("overview.table.progressLabel", { percent: formatPercent(pct, i18n.language), done: line.progress.done, total: line.progress.total })}
      </span>
    </span>
  );
}

/** chưa nộp / đã nộp / trả lại / đã duyệt (+ nộp muộn), linking to the report page where the district reviews it. */
export function ReportBadge({ report, slug }: { report: SchoolLine["report"]; slug?: string }) {
  const badge = <ReportStatusBadge report={report} />;
  return slug && report ? <Link to={`/schools/${slug}/report`}>{badge}</Link> : badge;
}

export function SchoolRow({ line, linkToBoard = true }: { line: SchoolLine; linkToBoard?: boolean }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`overview.table.${key}`);
  return (
    <tr className={`ov-row ov-row-${line.status}`} data-school={line.school.slug}>
      <th scope="row" data-label={label("school")}>
        <span>
          {linkToBoard ? <Link to={`/schools/${line.school.slug}`}>{line.school.name}</Link> : line.school.name}{" "}
          <span className={`level-tag level-${line.school.level}`}>{t(`levels.${line.school.level}`)}</span>
        </span>
      </th>
      <td data-label={label("ward")} className="ov-ward">
        {wardName(line.school.ward)}
      </td>
      <td data-label={label("progress")} className="ov-progress-cell">
        <ProgressCell line={line} />
      </td>
      <td data-label={label("items")} className="ov-num">
        <span>
          {line.progress ? `${line.progress.done}/${line.progress.total}` : "—"}
          {line.cards ? (
            <span className="ov-cards" title={label("cardsHint")}>
              {t("overview.table.cardsValue", line.cards)}
            </span>
          ) : null}
        </span>
      </td>
      <td data-label={label("status")}>
        <span className={`ov-badge ov-badge-${line.status}`}>{t(`overview.statuses.${line.status}`)}</span>
      </td>
      <td data-label={label("overdue")} className={`ov-num${line.overdue ? " ov-bad" : ""}`}>
        {line.overdue ?? "—"}
      </td>
      <td data-label={label("lastActivity")} className="small">
        {line.lastActivityAt ? formatDateTime(line.lastActivityAt) : "—"}
      </td>
      <td data-label={t("report.column")} data-testid="report-cell">
        <ReportBadge report={line.report} slug={line.school.slug} />
      </td>
    </tr>
  );
}

export function SchoolTable({ lines, query }: { lines: SchoolLine[]; query: OverviewQuery }) {
  const { t } = useTranslation();
  return (
    <section className="ov-section" aria-labelledby="ov-schools">
      <h2 id="ov-schools">
        {t("overview.table.title")} <span className="count">{t("overview.table.count", { count: lines.length })}</span>
      </h2>
      {lines.length === 0 ? (
        <p className="notice">{t("overview.table.empty")}</p>
      ) : (
        <table className="ov-table" data-testid="school-table">
          <caption className="muted small">{t("overview.table.caption")}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader key={c.key} column={c} query={query} />
              ))}
              <th scope="col">{t("report.column")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <SchoolRow key={line.boardId} line={line} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
