import { useTranslation } from "react-i18next";
import { ChartPanel } from "./charts";
import type { SchoolPageData } from "./page-data.server";
import { ProgressCell, SchoolRow } from "./school-table";

/** A principal's overview: their school's line and, beneath it, the district average. */
export function SchoolOverview({ data }: { data: SchoolPageData }) {
  const { t } = useTranslation();
  const avg = data.average;
  return (
    <>
      <p className="muted">{t("overview.school.intro")}</p>
      {data.line ? (
        <section className="ov-section" aria-label={t("overview.school.yours")}>
          <table className="ov-table" data-testid="school-table">
            <thead>
              <tr>
                {["school", "ward", "progress", "items", "status", "overdue", "lastActivity"].map((k) => (
                  <th key={k} scope="col">
                    {t(`overview.table.${k}`)}
                  </th>
                ))}
                <th scope="col">{t("report.column")}</th>
              </tr>
            </thead>
            <tbody>
              <SchoolRow line={data.line} />
              <tr className="ov-row ov-row-average" data-testid="district-average">
                <th scope="row" data-label={t("overview.table.school")}>
                  <span>
                    {t("overview.school.average")}
                    <span className="muted small"> · {t("overview.school.averageHint", { count: avg.schools })}</span>
                  </span>
                </th>
                <td data-label={t("overview.table.ward")}>—</td>
                <td data-label={t("overview.table.progress")} className="ov-progress-cell">
                  <ProgressCell line={{ progress: { done: avg.done, total: avg.total }, expected: null }} />
                </td>
                <td data-label={t("overview.table.items")} className="ov-num">
                  {avg.done}/{avg.total}
                </td>
                <td data-label={t("overview.table.status")}>—</td>
                <td data-label={t("overview.table.overdue")} className="ov-num">
                  {avg.overdue}
                </td>
                <td data-label={t("overview.table.lastActivity")}>—</td>
                <td data-label={t("report.column")}>—</td>
              </tr>
            </tbody>
          </table>
        </section>
      ) : (
        <p className="notice">{t("overview.school.noBoard")}</p>
      )}
      {data.charts.length > 0 ? (
        <section className="ov-section" aria-labelledby="ov-charts">
          <h2 id="ov-charts">{t("overview.charts.title")}</h2>
          <div className="ov-charts">
            {data.charts.map((c) => (
              <ChartPanel key={c.title} {...c} />
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
