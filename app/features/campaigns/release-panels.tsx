import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "~/components/ui/confirm-button";
import type { TemplateChange } from "~/domain/template-diff";
import { formatDate } from "~/i18n/format";
import { changeLines } from "./change-summary";

type TemplateSize = { cards: number; items: number };

/** A draft campaign: its template at a glance and the "Triển khai" button. */
export function LaunchPanel({ campaignId, schools, template }: { campaignId: string; schools: number; template: TemplateSize }) {
  const { t } = useTranslation();
  const busy = useNavigation().formData?.get("intent") === "launch";
  return (
    <section className="campaign-panel campaign-panel-main" aria-labelledby="launch-title">
      <h2 id="launch-title">{t("campaigns.page.launchTitle")}</h2>
      <p>{t("campaigns.page.templateSummary", template)}</p>
      <p className="muted">{t("campaigns.page.launchIntro", { count: schools })}</p>
      <div className="campaign-actions">
        <Link to={`/campaigns/${campaignId}/template`} className="btn btn-secondary">
          {t("campaigns.page.editTemplate")}
        </Link>
        <Form method="post" className="inline-form">
          <ConfirmButton
            value="launch"
            disabled={busy}
            title={t("confirm.launch.title")}
            body={
              <>
                <p>{t("confirm.launch.body", { count: schools })}</p>
                <p className="muted small">{t("confirm.launch.irreversible")}</p>
              </>
            }
            confirmLabel={t("confirm.launch.confirm", { count: schools })}
          >
            {t("campaigns.page.launch")}
          </ConfirmButton>
        </Form>
      </div>
    </section>
  );
}

/** A launched campaign: the changes waiting in the draft, the note to schools, "Xuất bản thay đổi". */
export function PublishPanel({
  campaignId,
  draft,
  template,
  schools,
}: {
  campaignId: string;
  draft: { exists: boolean; version: number; changes: TemplateChange[] };
  template: TemplateSize;
  schools: number;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.formData?.get("intent") === "publish";
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;
  const lines = changeLines(draft.changes, translate);
  const pending = draft.exists && lines.length > 0;
  return (
    <section className="campaign-panel campaign-panel-main" aria-labelledby="publish-title">
      <h2 id="publish-title">{t("campaigns.page.publishTitle")}</h2>
      <p>{t("campaigns.page.templateSummary", template)}</p>
      <p className="muted small">{t("campaigns.page.publishIntro")}</p>
      <div className="campaign-actions">
        <Link to={`/campaigns/${campaignId}/template`} className="btn btn-secondary">
          {t("campaigns.page.editChanges")}
        </Link>
      </div>
      {pending ? (
        <Form method="post" className="stack publish-form">
          <h3>{t("campaigns.page.pendingChanges", { version: draft.version })}</h3>
          <ul className="change-list">
            {lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <label className="field">
            <span>{t("campaigns.page.note")}</span>
            <textarea name="note" rows={3} maxLength={2000} aria-describedby="note-hint" />
            <small id="note-hint" className="muted">
              {t("campaigns.page.noteHint")}
            </small>
          </label>
          <div className="campaign-actions">
            <ConfirmButton
              value="publish"
              disabled={busy}
              title={t("confirm.publish.title", { version: draft.version })}
              body={<p>{t("confirm.publish.body", { count: schools })}</p>}
              confirmLabel={t("confirm.publish.confirm")}
            >
              {t("campaigns.page.publish")}
            </ConfirmButton>
            <button type="submit" name="intent" value="discard" className="btn btn-secondary">
              {t("campaigns.page.discard")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="notice">{t("campaigns.page.noChanges")}</p>
      )}
    </section>
  );
}

/** Closing (an active campaign) or reopening (a closed one), each after a confirmation. */
export function LifecyclePanel({ status, closedOn, boards }: { status: string; closedOn: string | null; boards: number }) {
  const { t } = useTranslation();
  const busy = ["close", "reopen"].includes(String(useNavigation().formData?.get("intent") ?? ""));
  if (status === "draft") return null;
  const closing = status === "active";
  return (
    <section className="campaign-panel" aria-labelledby="lifecycle-title">
      <h2 id="lifecycle-title">{t(closing ? "campaigns.lifecycle.closeTitle" : "campaigns.lifecycle.reopenTitle")}</h2>
      <p className="muted small">{closing ? t("campaigns.lifecycle.closeIntro") : t("campaigns.lifecycle.closedOn", { date: closedOn ? formatDate(closedOn) : "—" })}</p>
      <Form method="post" className="inline-form">
        {closing ? (
          <ConfirmButton
            value="close"
            className="btn btn-danger"
            disabled={busy}
            danger
            testId="close-campaign"
            title={t("confirm.close.title")}
            body={
              <ul className="confirm-list">
                <li>{t("confirm.close.frozen", { count: boards })}</li>
                <li>{t("confirm.close.figures")}</li>
                <li>{t("confirm.close.reopen")}</li>
              </ul>
            }
            confirmLabel={t("confirm.close.confirm")}
          >
            {t("campaigns.lifecycle.close")}
          </ConfirmButton>
        ) : (
          <ConfirmButton
            value="reopen"
            className="btn btn-secondary"
            disabled={busy}
            title={t("confirm.reopen.title")}
            body={<p>{t("confirm.reopen.body", { count: boards })}</p>}
            confirmLabel={t("confirm.reopen.confirm")}
          >
            {t("campaigns.lifecycle.reopen")}
          </ConfirmButton>
        )}
      </Form>
    </section>
  );
}
