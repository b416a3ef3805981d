import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { overviewSearch, type OverviewQuery, type SchoolStatus } from "./filters";
import { formatPercent } from "~/i18n/format";
import { percent } from "./schedule";

export type SummaryData = {
  campaign: { name: string; deadline: string; lastDay: string };
  deadline: { kind: "closed" | "open" | "today" | "overdue"; days: number };
  totals: {
    schools: number;
    checklist: { done: number; total: number };
    overdue: number;
    unreadable: number;
    statuses: Record<SchoolStatus, number>;
    reports: { submitted: number; late: number };
  };
};

const SHOWN: SchoolStatus[] = ["done", "on_track", "behind", "not_started"];

export function DeadlineText({ deadline }: { deadline: SummaryData["deadline"] }) {
  const { t } = useTranslation();
  switch (deadline.kind) {
    case "open":
      return <>{t("overview.summary.daysLeft", { count: deadline.days })}</>;
    case "today":
      return <>{t("overview.summary.dueToday")}</>;
    case "overdue":
      return <>{t("overview.summary.overdueDays", { count: deadline.days })}</>;
    case "closed":
      return (
        <>
          {t("overview.summary.closed")} · {t("overview.summary.closedDays", { count: deadline.days })}
        </>
      );
  }
}

export function DeadlineStat({ data }: { data: Pick<SummaryData, "campaign" | "deadline"> }) {
  const { t } = useTranslation();
  return (
    <div className={`ov-stat ov-deadline ov-deadline-${data.deadline.kind}`} data-testid="summary-deadline">
      <h2>{t("overview.deadline")}</h2>
      <p className="ov-big ov-big-text">
        <DeadlineText deadline={data.deadline} />
      </p>
      <p className="muted small">{t("overview.summary.reportBy", { date: formatDate(data.campaign.deadline) })}</p>
    </div>
  );
}

/** The four figures an officer reads first; status counts double as filter links. */
export function OverviewSummary({ data, query }: { data: SummaryData; query: OverviewQuery }) {
  const { t, i18n } = useTranslation();
  const { totals } = data;
  const pct = percent(totals.checklist.done, totals.checklist.total);
  return (
    <section className="ov-summary" aria-label={t("overview.summary.label")}>
      <div className="ov-stat" data-testid="summary-progress">
        <h2>{t("overview.summary.progress")}</h2>
        <p className="ov-big">{formatPercent(pct, i18n.language)}</p>
        <progress max={Math.max(totals.checklist.total, 1)} value={totals.checklist.done} aria-label={t("overview.summary.progress")} />
        <p className="muted small">{t("overview.summary.progressValue", totals.checklist)}</p>
      </div>
      <DeadlineStat data={data} />
      <div className="ov-stat" data-testid="summary-statuses">
        <h2>{t("overview.summary.schools")}</h2>
        <ul className="ov-status-list">
          {SHOWN.map((status) => (
            <li key={status}>
              <Link
                to={overviewSearch({ ...query, filters: { ...query.filters, status: query.filters.status === status ? undefined : status } })}
                className={`ov-status ov-status-${status}`}
                aria-current={query.filters.status === status ? "true" : undefined}
              >
                <strong>{totals.statuses[status]}</strong> {t(`overview.statuses.${status}`)}
              </Link>
            </li>
          ))}
        </ul>
        <p className="muted small">{t("overview.summary.schoolCount", { count: totals.schools })}</p>
        <p className="small" data-testid="summary-reports">
          {t("report.summary", { submitted: totals.reports.submitted, total: totals.schools })}
          {totals.reports.late > 0 ? ` · ${t("report.summaryLate", { count: totals.reports.late })}` : null}
        </p>
      </div>
      <div className="ov-stat" data-testid="summary-overdue">
        <h2>{t("overview.summary.overdueTasks")}</h2>
        <p className={`ov-big${totals.overdue > 0 ? " ov-bad" : ""}`}>{totals.overdue}</p>
        <p className="muted small">{t("overview.summary.overdueTasksHint")}</p>
      </div>
      {totals.unreadable > 0 ? (
        <p className="notice notice-error ov-wide" role="alert">
          {t("overview.summary.unreadable", { count: totals.unreadable })}
        </p>
      ) : null}
    </section>
  );
}
