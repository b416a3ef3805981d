import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signInHeaders } from "~/features/admin/auth-flow.server";
import { PasswordForm } from "~/features/admin/components/password-form";
import { fieldErrors, newPasswordForm } from "~/features/admin/schemas";
import { acceptInvitation, findInvitation } from "~/models/invitation.server";
import { readFormData } from "~/utils/form.server";
import { pageTitle } from "~/utils/page-title";
import { registerMessages } from "~/i18n/i18n";
import { accountPages } from "~/i18n/pages";

// This page's own messages (app/i18n/pages.ts).
registerMessages(accountPages);

export const meta: MetaFunction = (args) => [...pageTitle(args, "Lời mời"), { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const { state, invitation } = await findInvitation(params.token ?? "");
  return {
    state,
    invitation: state === "valid" && invitation ? { name: invitation.name, email: invitation.email, role: invitation.role, school: invitation.school?.name ?? null } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = Object.fromEntries(await readFormData(request));
  const parsed = newPasswordForm.safeParse(form);
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 422 });
  const accepted = await acceptInvitation(params.token ?? "", parsed.data.password);
  if (!accepted.ok) return Response.json({ state: accepted.state }, { status: 410 });
  // Signed in straight away, and sent to their school's board.
  const headers = await signInHeaders(request, accepted.email, parsed.data.password);
  const to = accepted.schoolSlug ? `/schools/${accepted.schoolSlug}` : "/";
  return redirect(headers ? to : "/login", { headers: headers ?? undefined });
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<{ errors?: Record<string, string>; state?: string }>();
  const { t } = useTranslation();
  const state = result?.state ?? data.state;
  if (state !== "valid" || !data.invitation) {
    return (
      <section className="login-card stack" role="alert">
        <h1>{t(`invite.states.${state}.title`)}</h1>
        <p>{t(`invite.states.${state}.body`)}</p>
        <p>
          <Link to="/login">{t("invite.toLogin")}</Link> · <Link to="/forgot-password">{t("password.forgotLink")}</Link>
        </p>
      </section>
    );
  }
  const inv = data.invitation;
  return (
    <section className="login-card stack">
      <h1>{t("invite.title", { name: inv.name })}</h1>
      <p>{t("invite.intro", { role: t(`roles.${inv.role}`), place: inv.school ?? t("invite.district") })}</p>
      <p className="muted small break">{inv.email}</p>
      <PasswordForm errors={result?.errors} submit={t("invite.submit")} email={inv.email} />
    </section>
  );
}
