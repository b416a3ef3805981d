import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "./form-bits";

/** New password twice; errors are i18n keys from newPasswordForm. */
export function PasswordForm({ errors, submit, email }: { errors?: Record<string, string>; submit: string; email?: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack" noValidate>
      {/* Lets password managers store the new password under the right account. */}
      {email ? <input type="email" name="username" value={email} autoComplete="username" readOnly hidden /> : null}
      <Field label={t("password.new")} error={errors?.password}>
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <Field label={t("password.confirm")} error={errors?.confirm}>
        <input name="confirm" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <p className="muted small">{t("password.rules")}</p>
      {errors?.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
        {submit}
      </button>
    </Form>
  );
}
