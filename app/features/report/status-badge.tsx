import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";

/** chưa nộp / đã nộp / trả lại / đã duyệt, with "nộp muộn" beside it: the board, the report page and the overview. */
export function ReportStatusBadge({ report }: { report: { status: string; late: boolean; submittedAt: string } | null }) {
  const { t } = useTranslation();
  if (!report) return <span className="report-badge">{t("report.statusMissing")}</span>;
  return (
    <>
      <span className={`report-badge report-badge-${report.status}`} title={formatDateTime(report.submittedAt)}>
        {t(`reportPage.state.${report.status}`)}
      </span>
      {report.late ? <span className="report-badge report-badge-late">{t("report.late")}</span> : null}
    </>
  );
}
