import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { callAuth } from "~/utils/auth.server";
import { forgetCachedPages } from "~/utils/offline.client";
import { getSessionUser } from "~/utils/permissions.server";
import { pageTitle } from "~/utils/page-title";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData } from "~/utils/form.server";
import { registerMessages } from "~/i18n/i18n";
import { accountPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Đăng nhập")];

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
  redirectTo: z.string().optional().transform((v) => safeRedirect(v)),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request.headers)) throw redirect("/");
  return null;
}

type ActionResult = { error: "invalidInput" | "invalid" | "tooMany" | "failed"; seconds?: number; email?: string };

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) return Response.json({ error: "invalidInput", email: String(form.email ?? "") } satisfies ActionResult, { status: 400 });

  // Through better-auth's HTTP handler (not auth.api) so its sign-in rate limit applies here too.
  const response = await callAuth(request, "/sign-in/email", { email: parsed.data.email, password: parsed.data.password });

  if (response.ok) {
    const headers = new Headers();
    for (const cookie of response.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
    return redirect(parsed.data.redirectTo, { headers });
  }
  const email = parsed.data.email;
  if (response.status === 429) {
    const seconds = Number(response.headers.get("X-Retry-After") ?? "60");
    return Response.json({ error: "tooMany", seconds, email } satisfies ActionResult, { status: 429 });
  }
  // Same message whether the email exists or not.
  if (response.status === 401 || response.status === 403 || response.status === 400) {
    return Response.json({ error: "invalid", email } satisfies ActionResult, { status: 401 });
  }
  return Response.json({ error: "failed", email } satisfies ActionResult, { status: 500 });
}

export default function Login() {
  // Nobody is signed in here: drop the offline copies of board pages (shared school computers).
  useEffect(() => forgetCachedPages(), []);
  const { t } = useTranslation();
  const data = useActionData<ActionResult>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <section className="login-card">
      <h1>{t("login.title")}</h1>
      <p className="muted">{t("login.intro")}</p>
      {params.get("reset") ? (
        <p className="notice" role="status">
          {t("password.resetDone")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <label className="field">
          <span>{t("login.email")}</span>
          <input name="email" type="email" autoComplete="username" required defaultValue={data?.email} inputMode="email" />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {data?.error ? (
          <p className="form-error" role="alert">
            {t(`login.${data.error}`, { seconds: data.seconds })}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
      </Form>
      <p className="small">
        <Link to="/forgot-password">{t("password.forgotLink")}</Link>
      </p>
      <p className="muted small">{t("login.demoHint")}</p>
    </section>
  );
}
