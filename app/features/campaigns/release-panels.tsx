import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TemplateChange } from "~/domain/template-diff";
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
          <button type="submit" name="intent" value="launch" className="btn btn-primary" disabled={busy}>
            {t("campaigns.page.launch")}
          </button>
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
}: {
  campaignId: string;
  draft: { exists: boolean; version: number; changes: TemplateChange[] };
  template: TemplateSize;
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
            <button type="submit" name="intent" value="publish" className="btn btn-primary" disabled={busy}>
              {t("campaigns.page.publish")}
            </button>
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
