import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REMINDER_INTENT } from "./reminder-intent";

export type ReminderResult = { ok: true; schools: number; principals: number } | { ok: false; error: string };

/** One click: remind the principals of every school the current filter shows. */
export function ReminderPanel({ count }: { count: number }) {
  const { t } = useTranslation();
  const result = useActionData<ReminderResult>();
  const busy = useNavigation().formData?.get("intent") === REMINDER_INTENT;
  return (
    <details className="reminder-panel" data-testid="reminder-panel" open={result ? true : undefined}>
      <summary>
        <strong>{t("reminders.title")}</strong>
      </summary>
      {count === 0 ? (
        <p className="muted small">{t("reminders.noSchools")}</p>
      ) : (
        <Form method="post" className="stack" key={result?.ok ? `sent-${result.principals}` : "form"}>
          <input type="hidden" name="intent" value={REMINDER_INTENT} />
          <p className="small">{t("reminders.intro", { count })}</p>
          <label className="field">
            <span>{t("reminders.message")}</span>
            <textarea name="message" required maxLength={1000} />
          </label>
          {result && !result.ok ? (
            <span className="field-error" role="alert">
              {t(result.error, { max: 1000 })}
            </span>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("reminders.send")}
          </button>
        </Form>
      )}
      {result?.ok ? (
        <p className="notice small" role="status" data-testid="reminder-sent">
          {t("reminders.sent", { people: result.principals, schools: result.schools })}
        </p>
      ) : null}
    </details>
  );
}
