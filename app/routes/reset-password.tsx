import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { callAuth } from "~/utils/auth.server";
import { PasswordForm } from "~/features/admin/components/password-form";
import { fieldErrors, newPasswordForm } from "~/features/admin/schemas";
import { getDb } from "~/utils/db.server";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { accountPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Đặt lại mật khẩu"), { name: "referrer", content: "no-referrer" }];

const tokenOf = (request: Request) => (new URL(request.url).searchParams.get("token") ?? "").slice(0, 200);

/** better-auth keeps reset tokens as verification rows; an unknown, used or expired one means the same to the person. */
async function tokenIsLive(token: string) {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(token)) return false;
  const row = await getDb().verification.findFirst({ where: { identifier: `reset-password:${token}` } });
  return !!row && row.expiresAt > new Date();
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { valid: await tokenIsLive(tokenOf(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = newPasswordForm.safeParse(form);
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  const response = await callAuth(request, "/reset-password", { token: tokenOf(request), newPassword: parsed.data.password });
  if (response.ok) return redirect("/login?reset=1");
  if (response.status === 429) return Response.json({ errors: { form: "password.errors.tooManyShort" } }, { status: 429 });
  return Response.json({ invalid: true }, { status: 410 });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors?: Record<string, string>; invalid?: boolean }>();
  const { t } = useTranslation();
  if (!valid || data?.invalid) {
    return (
      <section className="login-card stack" role="alert">
        <h1>{t("password.invalidTitle")}</h1>
        <p>{t("password.invalidBody")}</p>
        <Link to="/forgot-password" className="btn btn-primary">
          {t("password.again")}
        </Link>
      </section>
    );
  }
  return (
    <section className="login-card stack">
      <h1>{t("password.resetTitle")}</h1>
      <PasswordForm errors={data?.errors} submit={t("password.save")} />
    </section>
  );
}
