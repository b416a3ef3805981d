import { Form, Link, useNavigation } from "@remix-run/react";
import { ReportStatusBadge } from "./status-badge";
import { useTranslation } from "react-i18next";
import { REPORT_NOTE_MAX } from "~/domain/report";
import { formatDate, formatDateTime, formatPercent } from "~/i18n/format";
import type { ReportPanelData } from "~/models/report.server";

export const SUBMIT_REPORT_INTENT = "submit-report";

const percent = (done: number, total: number) => (total ? Math.round((done / total) * 1000) / 10 : 0);

/**
 * "Báo cáo kết quả" above the board. The principal submits (a plain form post, so it works before
 * the page's scripts load); everyone else reads one line saying whether the school has submitted.
 */
export function ReportPanel({ data, error }: { data: ReportPanelData; error?: string | null }) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === SUBMIT_REPORT_INTENT;
  const s = data.submission;
  const late = s?.late ? <span className="report-late">{t("report.late")}</span> : null;

  const status = (
    <p className="small" data-testid="report-state">
      <ReportStatusBadge report={s} /> <Link to={data.reportUrl}>{t("reportPage.open")}</Link>
    </p>
  );
  const returned = data.returnComment !== null ? (
    <p className="notice notice-error small" data-testid="report-returned">
      {t("reportPage.state.returned")}: {data.returnComment}
    </p>
  ) : null;
  if (!data.canSubmit) {
    return (
      <div className="notice report-notice">
        <p data-testid="report-status">
          {s ? t("report.submittedNotice", { at: formatDateTime(s.submittedAt) }) : t("report.notSubmitted")} {late}
        </p>
        {status}
      </div>
    );
  }
  return (
    <section className="report-panel" aria-labelledby="report-title" data-testid="report-panel">
      <div className="report-head">
        <h2 id="report-title">{t("report.title")}</h2>
        <span className="muted small">{t("report.dueBy", { date: formatDate(data.deadline) })}</span>
      </div>
      {status}
      {returned}
      <p className="small">{t("report.progressNow", { ...data.progress, percent: formatPercent(percent(data.progress.done, data.progress.total), i18n.language) })}</p>
      {s ? (
        <p className="report-done" role="status" data-testid="report-status">
          {t("report.submitted", { at: formatDateTime(s.submittedAt), done: s.progress.done, total: s.progress.total })} {late}
          <span className="muted small"> · {t("report.submittedBy", { name: s.submittedBy.name })}</span>
        </p>
      ) : null}
      <Form method="post" className="report-form">
        <input type="hidden" name="intent" value={SUBMIT_REPORT_INTENT} />
        <label className="report-note">
          <span className="small">{t("report.note")}</span>
          <textarea
            name="note"
            rows={2}
            maxLength={REPORT_NOTE_MAX}
            defaultValue={s?.note ?? ""}
            placeholder={t("report.notePlaceholder")}
            aria-describedby="report-note-hint"
            aria-invalid={error ? true : undefined}
          />
          <span id="report-note-hint" className="muted small">
            {t("report.noteHint", { max: REPORT_NOTE_MAX })}
          </span>
        </label>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {s ? t("report.resubmit") : t("report.submit")}
        </button>
      </Form>
    </section>
  );
}
