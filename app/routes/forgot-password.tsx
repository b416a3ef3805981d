import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { callAuth } from "~/utils/auth.server";
import { emailField } from "~/features/admin/schemas";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { accountPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Quên mật khẩu")];

type ActionData = { sent?: true; error?: "invalid" | "tooMany" | "failed"; seconds?: number; email?: string };

/** The answer is the same whether the email has an account or not. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = z.object({ email: emailField }).safeParse(form);
  if (!parsed.success) return Response.json({ error: "invalid", email: String(form.email ?? "") } satisfies ActionData, { status: 422 });
  const response = await callAuth(request, "/request-password-reset", { email: parsed.data.email });
  if (response.status === 429) {
    const seconds = Number(response.headers.get("X-Retry-After") ?? "60");
    return Response.json({ error: "tooMany", seconds, email: parsed.data.email } satisfies ActionData, { status: 429 });
  }
  if (!response.ok) return Response.json({ error: "failed", email: parsed.data.email } satisfies ActionData, { status: 500 });
  return { sent: true, email: parsed.data.email } satisfies ActionData;
}

export default function ForgotPassword() {
  const data = useActionData<ActionData>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  if (data?.sent) {
    return (
      <section className="login-card stack" role="status">
        <h1>{t("password.forgotTitle")}</h1>
        <p>{t("password.sent", { email: data.email })}</p>
        <Link to="/login">{t("invite.toLogin")}</Link>
      </section>
    );
  }
  return (
    <section className="login-card stack">
      <h1>{t("password.forgotTitle")}</h1>
      <p className="muted">{t("password.forgotIntro")}</p>
      <Form method="post" className="stack" noValidate>
        <label className="field">
          <span>{t("login.email")}</span>
          <input name="email" type="email" autoComplete="username" inputMode="email" required defaultValue={data?.email} />
        </label>
        {data?.error ? (
          <p className="form-error" role="alert">
            {t(`password.errors.${data.error}`, { seconds: data.seconds })}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t("password.send")}
        </button>
      </Form>
      <Link to="/login">{t("invite.toLogin")}</Link>
    </section>
  );
}
